create index orders_person on orders (person_id);
