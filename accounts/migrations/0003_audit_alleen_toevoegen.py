"""On PostgreSQL the audit trail is append-only in the database too (decision 0021): a trigger
refuses every UPDATE, and every DELETE except inside a transaction that switched
``gve.audit_opschonen`` on (only ``accounts.audit.audit_opschonen`` does, for entries past their
retention). TRUNCATE is left alone: the test suite empties tables with it between tests. On
other databases (SQLite for development) the app's own refusal is the guard."""

from django.db import migrations

TABEL = "accounts_auditregel"

AAN = f"""
CREATE OR REPLACE FUNCTION gve_audit_alleen_toevoegen() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('gve.audit_opschonen', true) = 'aan' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'Het auditlog kan alleen worden aangevuld (% geweigerd)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER gve_audit_alleen_toevoegen BEFORE UPDATE OR DELETE ON {TABEL}
    FOR EACH ROW EXECUTE FUNCTION gve_audit_alleen_toevoegen();
"""

UIT = f"""
DROP TRIGGER IF EXISTS gve_audit_alleen_toevoegen ON {TABEL};
DROP FUNCTION IF EXISTS gve_audit_alleen_toevoegen();
"""


def aanzetten(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(AAN, params=None)  # the SQL holds a literal %


def uitzetten(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UIT, params=None)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_auditlog")]

    operations = [migrations.RunPython(aanzetten, uitzetten)]
