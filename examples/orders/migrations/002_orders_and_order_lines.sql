-- An order belongs to one customer and has one or more lines; a line keeps the unit price the product had when it
-- was ordered, so a later price change does not rewrite old orders.
CREATE TABLE orders (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
  status      text NOT NULL DEFAULT 'placed' CHECK (status IN ('placed', 'paid', 'shipped', 'cancelled')),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX orders_customer_id_idx ON orders (customer_id);

CREATE TABLE order_lines (
  order_id         bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_number      integer NOT NULL CHECK (line_number >= 1),
  product_id       bigint NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
  quantity         integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
  unit_price_cents integer NOT NULL CHECK (unit_price_cents >= 0),
  PRIMARY KEY (order_id, line_number)
);

CREATE INDEX order_lines_product_id_idx ON order_lines (product_id);
