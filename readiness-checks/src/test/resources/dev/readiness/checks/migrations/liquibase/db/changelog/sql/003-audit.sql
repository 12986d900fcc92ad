--liquibase formatted sql

--changeset jane:3
create table audit (id int primary key, happened timestamp not null);
--rollback drop table audit;

--changeset jane:3.1 context:prod
create index audit_happened on audit (happened);
--rollback drop index audit_happened;
