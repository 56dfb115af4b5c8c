-- rows of the test service's own retention rule (MessagingTestApplication)
CREATE TABLE expiring_note (
    id         bigserial   PRIMARY KEY,
    note       text        NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now()
);
