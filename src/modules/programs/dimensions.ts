import { foldForSearch } from '../../common/search-text';
import { AgeBand, Sex, Vulnerability } from '../clients/client.enums';
import { Dimension } from './program.enums';

export const OTHER_REGION = 'OTHER';

/** The code list of a dimension; REGION's is the programme's own regions and OTHER. */
export function dimensionValues(dimension: Dimension, program: { regions: string[] }): string[] {
  switch (dimension) {
    case Dimension.SEX:
      return Object.values(Sex);
    case Dimension.AGE_BAND:
      return Object.values(AgeBand);
    case Dimension.DISABILITY:
      return ['YES', 'NO'];
    case Dimension.REGION:
      return [...program.regions, OTHER_REGION];
    case Dimension.POPULATION_GROUP:
      return Object.values(Vulnerability);
  }
}

/** The programme region a client's free-text region matches (accents and case aside), or OTHER. */
export function programRegion(clientRegion: string | null, programRegions: string[]): string {
  if (!clientRegion) return OTHER_REGION;
  const folded = foldForSearch(clientRegion);
  return programRegions.find((region) => foldForSearch(region) === folded) ?? OTHER_REGION;
}

/** The attributes of an enrolled person, as the cells they count in: the TOTAL cell and one per dimension value. */
export function cellsOf(person: {
  sex: string;
  ageBand: string;
  disability: boolean;
  region: string;
  populationGroups: string[];
}): [dimension: string, value: string][] {
  return [
    ['TOTAL', ''],
    [Dimension.SEX, person.sex],
    [Dimension.AGE_BAND, person.ageBand],
    [Dimension.DISABILITY, person.disability ? 'YES' : 'NO'],
    [Dimension.REGION, person.region],
    ...person.populationGroups.map((group): [string, string] => [Dimension.POPULATION_GROUP, group]),
  ];
}
