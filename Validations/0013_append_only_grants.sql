-- The grants behind append-only, read from the catalog so a new table is covered when it lands.
-- Every table of the public schema but schema_migrations is append-only: hourglass_writer holds
-- exactly SELECT and INSERT on it, hourglass_auditor exactly SELECT, PUBLIC nothing; it has its
-- UPDATE, DELETE and TRUNCATE reject triggers, enabled; neither role owns it, is a member of
-- hourglass_owner, or is a superuser or bypasses row security. One row per violation.
WITH t AS (
    SELECT c.oid, c.relname, c.relowner
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'schema_migrations'),
roles (role) AS (VALUES ('hourglass_writer'), ('hourglass_auditor')),
privileges (privilege) AS (
    VALUES ('SELECT'), ('INSERT'), ('UPDATE'), ('DELETE'), ('TRUNCATE'), ('REFERENCES'), ('TRIGGER')),
wanted (role, privilege) AS (
    VALUES ('hourglass_writer', 'SELECT'), ('hourglass_writer', 'INSERT'), ('hourglass_auditor', 'SELECT'))
SELECT t.relname AS table_name, r.role, p.privilege,
       CASE WHEN has_table_privilege(r.role, t.oid, p.privilege) THEN 'granted, must not be' ELSE 'missing' END AS problem
FROM t CROSS JOIN roles r CROSS JOIN privileges p
WHERE has_table_privilege(r.role, t.oid, p.privilege)
      <> EXISTS (SELECT 1 FROM wanted w WHERE w.role = r.role AND w.privilege = p.privilege)
UNION ALL
SELECT t.relname, 'PUBLIC', p.privilege, 'granted to PUBLIC'
FROM t CROSS JOIN privileges p
WHERE has_table_privilege('public', t.oid, p.privilege)
UNION ALL
SELECT t.relname, NULL, k.kind, 'no enabled ' || t.relname || '_reject_' || k.kind || ' trigger'
FROM t CROSS JOIN (VALUES ('update'), ('delete'), ('truncate')) k (kind)
WHERE NOT EXISTS (SELECT 1 FROM pg_trigger g
                  WHERE g.tgrelid = t.oid AND g.tgname = t.relname || '_reject_' || k.kind AND g.tgenabled = 'O')
UNION ALL
SELECT t.relname, r.role, 'OWNER', 'owned by a role that writes or audits'
FROM t JOIN roles r ON pg_get_userbyid(t.relowner) = r.role
UNION ALL
SELECT NULL, r.role, 'MEMBER', 'member of hourglass_owner (could change or drop the tables)'
FROM roles r
WHERE pg_has_role(r.role, 'hourglass_owner', 'MEMBER')
UNION ALL
SELECT NULL, a.rolname, 'ATTRIBUTE', 'superuser or BYPASSRLS'
FROM pg_roles a JOIN roles r ON r.role = a.rolname
WHERE a.rolsuper OR a.rolbypassrls;
