create table orders (id bigint primary key, person_id bigint references person (id));
