-- Immutability is held by the database, not by the application: any UPDATE, DELETE or TRUNCATE
-- on an append-only table raises, whoever the caller is (the owner included).
CREATE FUNCTION hourglass_reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Cannot % %: the table is append-only', lower(TG_OP), TG_TABLE_NAME
        USING ERRCODE = 'P0001', HINT = 'Append a correcting event instead.';
END
$$;

CREATE TRIGGER events_reject_update BEFORE UPDATE ON events
    FOR EACH ROW EXECUTE FUNCTION hourglass_reject_change();
CREATE TRIGGER events_reject_delete BEFORE DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION hourglass_reject_change();
CREATE TRIGGER events_reject_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION hourglass_reject_change();
