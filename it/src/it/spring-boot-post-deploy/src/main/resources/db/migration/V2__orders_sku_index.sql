CREATE INDEX orders_sku ON orders (sku);
