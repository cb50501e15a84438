import { AgeBand, ageBandOn } from './client.enums';

describe('ageBandOn', () => {
  const on = new Date('2026-11-23T12:00:00Z');

  it.each([
    ['2021-11-24', AgeBand.AGE_0_5],
    ['2020-11-24', AgeBand.AGE_0_5],
    ['2020-11-23', AgeBand.AGE_6_11],
    ['2009-01-01', AgeBand.AGE_12_17],
    ['2008-11-23', AgeBand.AGE_18_59],
    ['1966-11-24', AgeBand.AGE_18_59],
    ['1966-11-23', AgeBand.AGE_60_PLUS],
  ])('puts someone born on %s in %s, counting birthdays to the day', (birthDate, band) => {
    expect(ageBandOn(birthDate, on)).toBe(band);
  });
});
