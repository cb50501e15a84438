import { MINIMAL_ACTIVITY_EXAMPLE, validateIatiActivities } from './support/iati';

/** The reference document with one fragment replaced; fails loudly if the fragment is not there. */
function variant(find: string, replacement: string): string {
  expect(MINIMAL_ACTIVITY_EXAMPLE).toContain(find);
  return MINIMAL_ACTIVITY_EXAMPLE.replace(find, replacement);
}

/** The errors of a document that must be invalid, as one string. */
async function rejection(xml: string): Promise<string> {
  const result = await validateIatiActivities(xml);
  expect(result.valid).toBe(false);
  return result.errors.join('\n');
}

describe("the project's IATI 2.03 activity schema (test/fixtures/iati/2.03, validated by test/support/iati.ts)", () => {
  it('accepts the reference activity: result, indicator, reference, baseline, period, targets and actuals, a withheld actual', async () => {
    await expect(validateIatiActivities(MINIMAL_ACTIVITY_EXAMPLE)).resolves.toEqual({ valid: true, errors: [] });
  });

  it('rejects a period without period-start, naming the line and the expected element', async () => {
    const result = await validateIatiActivities(variant('<period-start iso-date="2025-01-01"/>', ''));
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      expect.stringMatching(/^line \d+: Element 'period-end': This element is not expected\. Expected is \( period-start \)\.$/),
    ]);
  });

  it('rejects elements out of IATI order (comment before dimension; activity-status after the results)', async () => {
    const commentFirst = variant(
      '<actual value="50">\n            <dimension name="sex" value="female"/>',
      '<actual value="50">\n            <comment><narrative>Mid-year count</narrative></comment>\n            <dimension name="sex" value="female"/>',
    );
    expect(await rejection(commentFirst)).toMatch(/Element 'dimension': This element is not expected/);

    const status = '<activity-status code="2"/>\n    ';
    const statusLast = variant(status, '').replace('</result>', `</result>\n    ${status.trim()}`);
    expect(await rejection(statusLast)).toMatch(/Element 'activity-date': This element is not expected\. Expected is one of \( participating-org, activity-status \)/);
  });

  it('rejects an activity that lacks a required element (activity-date)', async () => {
    const withoutDates = variant('<activity-date type="1" iso-date="2025-01-01"/>\n    <activity-date type="3" iso-date="2025-12-31"/>\n    ', '');
    expect(await rejection(withoutDates)).toMatch(/Element 'result': This element is not expected\. Expected is \( activity-date \)/);
  });

  it('rejects a missing required attribute: result/@type, participating-org/@role, baseline/@year', async () => {
    expect(await rejection(variant('<result type="1">', '<result>'))).toMatch(/Element 'result': The attribute 'type' is required but missing\./);
    expect(await rejection(variant('type="60" role="1"', 'type="60"'))).toMatch(/Element 'participating-org': The attribute 'role' is required but missing\./);
    expect(await rejection(variant('<baseline year="2025" value="10"/>', '<baseline value="10"/>'))).toMatch(/Element 'baseline': The attribute 'year' is required but missing\./);
  });

  it('rejects codes outside their IATI code lists', async () => {
    const cases: [find: string, replacement: string, attribute: string][] = [
      ['<result type="1">', '<result type="4">', 'type'],
      ['<indicator measure="1"', '<indicator measure="6"', 'measure'],
      ['<activity-status code="2"/>', '<activity-status code="7"/>', 'code'],
      ['<activity-date type="1"', '<activity-date type="start-planned"', 'type'],
      ['type="60" role="1"', 'type="60" role="5"', 'role'],
      ['<reporting-org ref="XI-NGOCOMMONS-EXAMPLE" type="22">', '<reporting-org ref="XI-NGOCOMMONS-EXAMPLE" type="20">', 'type'],
      ['<reference vocabulary="99"', '<reference vocabulary="98"', 'vocabulary'],
    ];
    for (const [find, replacement, attribute] of cases) {
      expect(await rejection(variant(find, replacement))).toMatch(new RegExp(`attribute '${attribute}': \\[facet 'enumeration'\\] The value '[^']+' is not an element of the set`));
    }
  });

  it('rejects malformed dates, numbers and booleans', async () => {
    expect(await rejection(variant('<period-end iso-date="2025-12-31"/>', '<period-end iso-date="2025-12-32"/>'))).toMatch(
      /attribute 'iso-date': '2025-12-32' is not a valid value of the atomic type 'xs:date'/,
    );
    expect(await rejection(variant('<activity-date type="1" iso-date="2025-01-01"/>', '<activity-date type="1" iso-date="01/01/2025"/>'))).toMatch(
      /attribute 'iso-date': '01\/01\/2025' is not a valid value of the atomic type 'xs:date'/,
    );
    expect(await rejection(variant('generated-datetime="2025-06-30T12:00:00Z"', 'generated-datetime="2025-06-30"'))).toMatch(
      /attribute 'generated-datetime': '2025-06-30' is not a valid value of the atomic type 'xs:dateTime'/,
    );
    expect(await rejection(variant('<target value="100">', '<target value="1e2">'))).toMatch(/attribute 'value': '1e2' is not a valid value of the atomic type 'xs:decimal'/);
    expect(await rejection(variant('ascending="1"', 'ascending="yes"'))).toMatch(/attribute 'ascending': 'yes' is not a valid value of the atomic type 'xs:boolean'/);
  });

  it('is closed: rejects an element or attribute the export does not write, even one IATI allows there', async () => {
    expect(await rejection(variant('<actual value="50">', '<progress value="50"/>\n          <actual value="50">'))).toMatch(/Element 'progress': This element is not expected/);
    expect(await rejection(variant('<result type="1">', '<result type="1" aggregation-status="0">'))).toMatch(/Element 'result', attribute 'aggregation-status': The attribute 'aggregation-status' is not allowed\./);
    expect(await rejection(variant('<activity-status code="2"/>', '<activity-status code="2"/>\n    <activity-scope code="1"/>'))).toMatch(
      /Element 'activity-scope': This element is not expected/,
    );
  });

  it('accepts IATI version 2.03 only, and xml:lang only as a language tag', async () => {
    expect(await rejection(variant('version="2.03"', 'version="2.02"'))).toMatch(/attribute 'version': The value '2\.02' does not match the fixed value constraint '2\.03'/);
    expect(await rejection(variant('xml:lang="en"', 'xml:lang="English (UK)"'))).toMatch(/'English \(UK\)' is not a valid value of the atomic type 'xs:language'/);
    await expect(validateIatiActivities(variant('<narrative>Example Foundation</narrative>', '<narrative xml:lang="vi">Quỹ Ví dụ</narrative>'))).resolves.toEqual({
      valid: true,
      errors: [],
    });
  });

  it('reports XML that is not well-formed as invalid', async () => {
    expect(await rejection('<iati-activities version="2.03"><iati-activity>')).toMatch(/parser error/);
  });
});
