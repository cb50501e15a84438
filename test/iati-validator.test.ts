import { MINIMAL_ACTIVITY_EXAMPLE, validateIatiActivities } from './support/iati';

/** The reference document with one fragment replaced; fails loudly if the fragment is not there. */
function variant(find: string, replacement: string): string {
  expect(MINIMAL_ACTIVITY_EXAMPLE).toContain(find);
  return MINIMAL_ACTIVITY_EXAMPLE.replace(find, replacement);
}

describe('IATI 2.03 activity XSD validator (test/support/iati.ts)', () => {
  it('accepts the minimal activity with a result, indicator, baseline, period, target and actual', async () => {
    await expect(validateIatiActivities(MINIMAL_ACTIVITY_EXAMPLE)).resolves.toEqual({ valid: true, errors: [] });
  });

  it('rejects a period without period-start, naming the line and the expected element', async () => {
    const result = await validateIatiActivities(variant('<period-start iso-date="2025-01-01"/>', ''));
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      expect.stringMatching(/^line \d+: Element 'period-end': This element is not expected\. Expected is \( period-start \)\.$/),
    ]);
  });

  it('rejects an unknown element', async () => {
    const result = await validateIatiActivities(variant('<actual value="50">', '<progress value="50"/>\n          <actual value="50">'));
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/Element 'progress': This element is not expected/);
  });

  it('rejects a missing required attribute and a non-boolean aggregation-status', async () => {
    const noType = await validateIatiActivities(variant('<result type="1" aggregation-status="0">', '<result aggregation-status="0">'));
    expect(noType).toEqual({ valid: false, errors: [expect.stringMatching(/Element 'result': The attribute 'type' is required but missing\./)] });

    const badBoolean = await validateIatiActivities(variant('aggregation-status="0">\n      <title>', 'aggregation-status="no">\n      <title>'));
    expect(badBoolean.valid).toBe(false);
    expect(badBoolean.errors.join('\n')).toMatch(/attribute 'aggregation-status': 'no' is not a valid value of the atomic type 'xs:boolean'/);
  });

  it('rejects elements out of order (comment before dimension in an actual)', async () => {
    const result = await validateIatiActivities(
      variant(
        '<actual value="50">\n            <dimension name="sex" value="female"/>',
        '<actual value="50">\n            <comment><narrative>Mid-year count</narrative></comment>\n            <dimension name="sex" value="female"/>',
      ),
    );
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/Element 'dimension': This element is not expected/);
  });

  it('rejects an activity that lacks a required top-level element (activity-date)', async () => {
    const result = await validateIatiActivities(variant('<activity-date type="2" iso-date="2025-01-01"/>', ''));
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/Element 'result': This element is not expected\. Expected is \( activity-date \)/);
  });

  it('reports XML that is not well-formed as invalid', async () => {
    const result = await validateIatiActivities('<iati-activities version="2.03"><iati-activity>');
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/parser error/);
  });
});
