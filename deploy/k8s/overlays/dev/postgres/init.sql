-- One database and one user per service (DESIGN.md: no service reads another's tables).
-- DEV ONLY: user = password = database name. Runs once, when the postgres volume is empty.
-- Same names as ./bazaar creates on the local server.
CREATE ROLE identity LOGIN PASSWORD 'identity';
CREATE DATABASE identity OWNER identity;

CREATE ROLE catalog LOGIN PASSWORD 'catalog';
CREATE DATABASE catalog OWNER catalog;

CREATE ROLE orders LOGIN PASSWORD 'orders';
CREATE DATABASE orders OWNER orders;

CREATE ROLE payments LOGIN PASSWORD 'payments';
CREATE DATABASE payments OWNER payments;
