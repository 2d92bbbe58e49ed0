-- Privileges: the writer appends and reads, the auditor only reads. Neither may change a row.
ALTER TABLE events OWNER TO hourglass_owner;
ALTER TABLE bars OWNER TO hourglass_owner;
ALTER TABLE blobs OWNER TO hourglass_owner;
REVOKE ALL ON events, bars, blobs FROM PUBLIC;
GRANT SELECT, INSERT ON events, bars, blobs TO hourglass_writer;
GRANT SELECT ON events, bars, blobs TO hourglass_auditor;
