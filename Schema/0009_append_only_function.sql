-- One way to make a table append-only: hourglass_make_append_only('t') adds the three triggers
-- that reject UPDATE, DELETE (per row) and TRUNCATE (per statement) through
-- hourglass_reject_change(), so every append-only table fails with the same message
-- ('Cannot update t: the table is append-only'). Tables created before this migration got the
-- same triggers by hand (0003-0008), which are never edited; every later table uses this.
CREATE FUNCTION hourglass_make_append_only(target regclass) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    table_name text := (SELECT relname FROM pg_class WHERE oid = target);
BEGIN
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION hourglass_reject_change()',
                   table_name || '_reject_update', target);
    EXECUTE format('CREATE TRIGGER %I BEFORE DELETE ON %s FOR EACH ROW EXECUTE FUNCTION hourglass_reject_change()',
                   table_name || '_reject_delete', target);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION hourglass_reject_change()',
                   table_name || '_reject_truncate', target);
END
$$;
-- Only migrations (the owner) call it.
REVOKE ALL ON FUNCTION hourglass_make_append_only(regclass) FROM PUBLIC;
