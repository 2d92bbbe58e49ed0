-- Roles: hourglass_owner owns the schema objects, hourglass_writer may only INSERT and SELECT,
-- hourglass_auditor may only SELECT. Roles are cluster-wide, so create them only when missing.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hourglass_owner') THEN
        CREATE ROLE hourglass_owner NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hourglass_writer') THEN
        CREATE ROLE hourglass_writer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hourglass_auditor') THEN
        CREATE ROLE hourglass_auditor NOLOGIN;
    END IF;
END
$$;
