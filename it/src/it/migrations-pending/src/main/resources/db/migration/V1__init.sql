create table person (id bigint primary key, name varchar(100));
