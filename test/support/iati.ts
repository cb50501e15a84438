import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML, type XMLFileInfo, type XMLValidationResult } from 'xmllint-wasm';

/**
 * The IATI 2.03 activity schema this project writes for its export (README.txt there says from which
 * facts of the standard, and where to check them).
 */
export const IATI_SCHEMA_DIR = join(__dirname, '..', 'fixtures', 'iati', '2.03');

const MAIN_SCHEMA = 'iati-activities-export.xsd';
/** xs:import'ed by relative file name: the declaration of xml:lang. */
const SCHEMA_DEPENDENCIES = ['xml-lang.xsd'];
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
 * Validates an IATI activities document against the project's IATI 2.03 activity schema, with libxml2's
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
 * The reference shape of what the programme export writes: one activity with one result, valid
 * against the schema (proved by test/iati-validator.test.ts). The schema is closed and ordered,
 * so every element and attribute here is one the export writes, in the order IATI fixes:
 * iati-identifier, reporting-org, title, description, participating-org, activity-status,
 * activity-date, result; inside a result title, description, indicator; inside an indicator
 * title, description, reference, baseline, period; inside a period period-start, period-end,
 * the targets, then the actuals; inside a target or actual the dimensions, then the comment.
 * Codes (README.txt beside the schema lists them): reporting-org/@type and participating-org/@type
 * OrganisationType (21 international NGO, 22 national NGO, ...), participating-org/@role
 * OrganisationRole (1 funding, 2 accountable, 4 implementing), activity-status/@code
 * ActivityStatus, activity-date/@type ActivityDateType (1 planned start, 3 planned end),
 * result/@type ResultType, indicator/@measure IndicatorMeasure, reference/@vocabulary
 * IndicatorVocabulary (99: the reporting organisation's own).
 */
export const MINIMAL_ACTIVITY_EXAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2025-06-30T12:00:00Z">
  <iati-activity last-updated-datetime="2025-06-30T12:00:00Z" xml:lang="en">
    <iati-identifier>XI-NGOCOMMONS-EXAMPLE-PROG-1</iati-identifier>
    <reporting-org ref="XI-NGOCOMMONS-EXAMPLE" type="22">
      <narrative>Example NGO</narrative>
    </reporting-org>
    <title>
      <narrative>Emergency shelter programme</narrative>
    </title>
    <description>
      <narrative>Joint programme providing emergency shelter.</narrative>
    </description>
    <participating-org ref="XI-NGOCOMMONS-EXAMPLE" type="22" role="2">
      <narrative>Example NGO</narrative>
    </participating-org>
    <participating-org ref="XI-NGOCOMMONS-FUNDER" type="60" role="1">
      <narrative>Example Foundation</narrative>
    </participating-org>
    <activity-status code="2"/>
    <activity-date type="1" iso-date="2025-01-01"/>
    <activity-date type="3" iso-date="2025-12-31"/>
    <result type="1">
      <title>
        <narrative>People sheltered</narrative>
      </title>
      <indicator measure="1" ascending="1">
        <title>
          <narrative>Number of people given emergency shelter</narrative>
        </title>
        <reference vocabulary="99" code="OP1.1"/>
        <baseline year="2025" value="10"/>
        <period>
          <period-start iso-date="2025-01-01"/>
          <period-end iso-date="2025-12-31"/>
          <target value="100">
            <dimension name="sex" value="female"/>
          </target>
          <actual value="50">
            <dimension name="sex" value="female"/>
          </actual>
          <actual>
            <dimension name="sex" value="male"/>
            <comment>
              <narrative>Withheld: fewer than 5 people</narrative>
            </comment>
          </actual>
        </period>
      </indicator>
    </result>
  </iati-activity>
</iati-activities>
`;
