-- Sagas are stored through Axon's JDBC saga store (JdbcStoresConfiguration), whose insert of an association
-- names no id: the column takes the next value of the sequence Hibernate used for it. Hibernate's pooled
-- optimizer uses each value it fetches and the 49 below it, never a value fetched by another session, so rows
-- an older node writes through the JPA store during a rolling upgrade cannot collide with these.
ALTER TABLE association_value_entry ALTER COLUMN id SET DEFAULT nextval('association_value_entry_seq');
