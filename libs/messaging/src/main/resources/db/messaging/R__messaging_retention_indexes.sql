-- Indexes for the retention sweep (libs/messaging, RetentionSweep), so its deletes find old
-- rows without scanning the whole table.
--
-- Repeatable, not versioned: these migrations share the service's Flyway history and are
-- numbered 0.x to run before the service's V1, so a new 0.x would be refused on every
-- database that is already past V1. Repeatable migrations run after the versioned ones and
-- again whenever this file changes, so everything here must be safe to run twice.
--
-- On a database with a long history the first run builds the indexes with a plain
-- CREATE INDEX, which blocks writes to the table for the build (seconds per million rows).
-- CONCURRENTLY cannot be used: Flyway holds a transaction open for its lock, and a
-- concurrent build waits for every open transaction.
CREATE INDEX IF NOT EXISTS outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS inbox_received_at ON inbox (received_at);
