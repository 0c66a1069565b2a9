-- pgbench: the service's reservation without the service — the same conditional UPDATE on the
-- same table, one statement per transaction (autocommit), 1 unit of product :n.
--   pgbench -n -f reserve.sql -D products=<1|100>
\set n random(1, :products)
UPDATE stock_levels s SET reserved = s.reserved + 1, updated_at = now()
FROM bench_products b
WHERE b.n = :n AND s.product_id = b.product_id AND s.warehouse_id = b.warehouse_id AND s.on_hand - s.reserved >= 1;
