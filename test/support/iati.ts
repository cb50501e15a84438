import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML, type XMLFileInfo, type XMLValidationResult } from 'xmllint-wasm';

/**
 * The official IATI 2.03 activity schema (IATI/IATI-Schemas, branch version-2.03) with the files it
 * includes and imports; see README.txt there for provenance.
 */
export const IATI_SCHEMA_DIR = join(__dirname, '..', 'fixtures', 'iati', '2.03');

const MAIN_SCHEMA = 'iati-activities-schema.xsd';
/** xs:include'd (iati-common.xsd) and xs:import'ed (xml.xsd, for xml:lang) by relative file name. */
const SCHEMA_DEPENDENCIES = ['iati-common.xsd', 'xml.xsd'];
const DOCUMENT_NAME = 'iati-activities.xml';

export interface IatiValidationResult {
  valid: boolean;
  /** One readable line per problem, e.g. "line 30: Element 'period-end': This element is not expected. Expected is ( period-start )." */
  errors: string[];
}

let schemaFiles: { schema: XMLFileInfo; preload: XMLFileInfo[] } | undefined;

function loadSchemaFiles(): { schema: XMLFileInfo; preload: XMLFileInfo[] } {
  if (!schemaFiles) {
    const read = (fileName: string): XMLFileInfo => ({ fileName, contents: readFileSync(join(IATI_SCHEMA_DIR, fileName), 'utf8') });
    schemaFiles = { schema: read(MAIN_SCHEMA), preload: SCHEMA_DEPENDENCIES.map(read) };
  }
  return schemaFiles;
}

function readableErrors(result: XMLValidationResult): string[] {
  const located = result.errors
    .filter((error) => error.loc !== null)
    .map((error) => `line ${error.loc?.lineNumber}: ${error.message.replace(/^Schemas validity error : /, '')}`);
  if (located.length > 0) return located;
  // Nothing carried a position (unexpected output shape): fall back to xmllint's own lines.
  return result.rawOutput
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.endsWith('fails to validate'));
}

/**
 * Validates an IATI activities document against the official IATI 2.03 activity XSD, with libxml2's
 * xmllint compiled to WebAssembly (xmllint-wasm; no system packages). A document that is not
 * well-formed is reported as invalid too. Rejects only when the validator itself cannot run (for
 * example a schema file that fails to compile), so a broken fixture never passes as "invalid XML".
 */
export async function validateIatiActivities(xml: string): Promise<IatiValidationResult> {
  const { schema, preload } = loadSchemaFiles();
  const result = await validateXML({ xml: { fileName: DOCUMENT_NAME, contents: xml }, schema, preload });
  return result.valid ? { valid: true, errors: [] } : { valid: false, errors: readableErrors(result) };
}

/**
 * The reference shape for the programme results exporter: the smallest iati-activities document
 * with one result that is valid against the IATI 2.03 activity XSD (proved by
 * test/iati-validator.test.ts).
 *
 * What the XSD enforces (element order inside each parent is fixed, xs:sequence):
 * - iati-activities: @version required (write "2.03"); @generated-datetime optional xs:dateTime;
 *   one or more iati-activity.
 * - iati-activity children, in this order, the required ones marked *:
 *   iati-identifier*, reporting-org* (@ref*, @type*, narrative+), title* (narrative+),
 *   description*+ (narrative+), participating-org*+ (@role*; @ref, @type optional),
 *   other-identifier, activity-status* (@code*), activity-date*+ (@type*, @iso-date* xs:date),
 *   contact-info, activity-scope, recipient-country, recipient-region, location, sector, tag,
 *   country-budget-items, humanitarian-scope, policy-marker, collaboration-type,
 *   default-flow-type, default-finance-type, default-aid-type, default-tied-status, budget,
 *   planned-disbursement, capital-spend, transaction, document-link, related-activity,
 *   legacy-data, conditions, result (0..n), crs-add, fss.
 *   Attributes: @last-updated-datetime (xs:dateTime), @xml:lang, @default-currency, @humanitarian,
 *   @hierarchy, @linked-data-uri, @budget-not-provided, all optional.
 * - result: @type* , @aggregation-status (xs:boolean); children title* (narrative+),
 *   description, document-link*, reference*, indicator+ (at least one).
 * - indicator: @measure*, @ascending (xs:boolean), @aggregation-status (xs:boolean); children
 *   title*, description, document-link*, reference*, baseline*, period*.
 * - baseline: @year* (xs:positiveInteger), @iso-date (xs:date), @value (string); children
 *   location*, dimension*, document-link*, comment.
 * - period: period-start* (@iso-date*), period-end* (@iso-date*), then target*, actual* (both
 *   repeatable, targets before actuals).
 * - target / actual: @value (string) only, no other attributes (no extension attributes either);
 *   children location*, dimension*, comment, document-link*, in that order.
 * - dimension: empty element, @name and @value optional strings: <dimension name="sex" value="female"/>.
 * - narrative: text, optional @xml:lang (never write xml:lang="").
 * Booleans are xs:boolean: "1"/"0"/"true"/"false". Unknown elements/attributes without a
 * namespace are rejected; extensions must be in a foreign namespace (and are not allowed as
 * attributes on target/actual).
 *
 * Codelist values are NOT checked by the XSD (they are plain strings); use these:
 * - result/@type (ResultType): 1 Output, 2 Outcome, 3 Impact, 9 Other.
 * - indicator/@measure (IndicatorMeasure): 1 Unit, 2 Percentage, 3 Nominal, 4 Ordinal,
 *   5 Qualitative (for 5, omit @value on baseline/target/actual and use comment).
 * - reporting-org/@type (OrganisationType): e.g. 21 National NGO, 22 International NGO.
 * - participating-org/@role (OrganisationRole): 1 Funding, 2 Accountable, 3 Extending, 4 Implementing.
 * - activity-status/@code (ActivityStatus): 1 Pipeline, 2 Implementation, 3 Finalisation, 4 Closed,
 *   5 Cancelled, 6 Suspended.
 * - activity-date/@type (ActivityDateType): 1 Planned start, 2 Actual start, 3 Planned end, 4 Actual end.
 */
export const MINIMAL_ACTIVITY_EXAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2025-06-30T12:00:00Z">
  <iati-activity last-updated-datetime="2025-06-30T12:00:00Z" xml:lang="en">
    <iati-identifier>XM-EXAMPLE-NGO-PROG-1</iati-identifier>
    <reporting-org ref="XM-EXAMPLE-NGO" type="22">
      <narrative>Example NGO</narrative>
    </reporting-org>
    <title>
      <narrative>Emergency shelter programme</narrative>
    </title>
    <description>
      <narrative>Joint programme providing emergency shelter.</narrative>
    </description>
    <participating-org ref="XM-EXAMPLE-NGO" role="4" type="22">
      <narrative>Example NGO</narrative>
    </participating-org>
    <activity-status code="2"/>
    <activity-date type="2" iso-date="2025-01-01"/>
    <result type="1" aggregation-status="0">
      <title>
        <narrative>People sheltered</narrative>
      </title>
      <indicator measure="1" ascending="1" aggregation-status="0">
        <title>
          <narrative>Number of people given emergency shelter</narrative>
        </title>
        <baseline year="2025" iso-date="2025-01-01" value="10"/>
        <period>
          <period-start iso-date="2025-01-01"/>
          <period-end iso-date="2025-12-31"/>
          <target value="100">
            <dimension name="sex" value="female"/>
          </target>
          <actual value="50">
            <dimension name="sex" value="female"/>
          </actual>
        </period>
      </indicator>
    </result>
  </iati-activity>
</iati-activities>
`;
