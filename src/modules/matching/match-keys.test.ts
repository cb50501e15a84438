import { matchKeys, matchKeyTexts, nameTokens, MatchKeyKind } from './match-keys';

const SECRET = 'test-secret-0123456789abcdef0123456789';
const keysOf = (fullName: string, birthDate: string | null = '1980-05-17', sex = 'FEMALE') => matchKeys(SECRET, { fullName, birthDate, sex });
const hashes = (fullName: string, birthDate?: string | null, sex?: string) => keysOf(fullName, birthDate, sex).map((key) => key.hash);

describe('nameTokens', () => {
  it.each([
    ['Vietnamese with and without tone marks, in either order', ['Nguyễn Thị Lan', 'nguyen thi lan', 'Lan Nguyễn Thị', 'NGUYỄN THỊ LAN', 'Nguyễn  Thị-Lan']],
    ['Vietnamese đ', ['Đặng Văn Đức', 'dang van duc', 'Duc Dang Van']],
    ['Hmong (RPA) in either order', ['Vaj Pov Lis', 'Lis Vaj Pov', 'vaj pov lis']],
    ['Arabic with and without tashkeel and tatweel', ['فَاطِمَة الزَّهْرَاء', 'فاطمة الزهراء', 'فاطمـــة الزهراء', 'الزهراء فاطمة']],
    ['Arabic with and without the article, ta marbuta written as ha', ['فاطمة الزهراء', 'فاطمه زهراء']],
    ['Arabic alef forms and alef maqsura', ['أحمد مصطفى', 'احمد مصطفي', 'إحمد مصطفى', 'ٱحمد مصطفى']],
  ])('folds %s to one form', (_what, names) => {
    const [first, ...rest] = names.map(nameTokens);
    for (const tokens of rest) expect(tokens).toEqual(first);
  });

  it('keeps letters that are not marks: a different letter is a different name', () => {
    expect(nameTokens('Nguyễn Thị Lan')).not.toEqual(nameTokens('Nguyễn Thị Lam'));
    expect(nameTokens('Vaj Pov Lis')).not.toEqual(nameTokens('Vaj Pov Lid'));
    expect(nameTokens('فاطمة الزهراء')).not.toEqual(nameTokens('فاطمة الزهرا'));
  });

  it('folds tone marks too, deliberately: "Lân" and "Lan" are one token (a match is only proposed, and confirmed by people)', () => {
    expect(nameTokens('Nguyễn Thị Lân')).toEqual(nameTokens('Nguyễn Thị Lan'));
  });

  it('does not drop a short word that merely starts with ال', () => {
    expect(nameTokens('ال')).toEqual(['ال']);
    expect(nameTokens('الي')).toEqual(['الي']);
  });
});

describe('matchKeys', () => {
  it('gives one key of each kind, as 64 hex digits, and none without a birth date or a name', () => {
    const keys = keysOf('Nguyễn Thị Lan');
    expect(keys.map((key) => key.kind)).toEqual([MatchKeyKind.EXACT_DATE, MatchKeyKind.BIRTH_YEAR]);
    for (const key of keys) expect(key.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(keysOf('Nguyễn Thị Lan', null)).toEqual([]);
    expect(keysOf(' - ')).toEqual([]);
  });

  it('agrees for the same person written differently', () => {
    expect(hashes('Lan Nguyễn Thị')).toEqual(hashes('nguyen thi lan'));
    expect(hashes('Lis Vaj Pov', '1990-01-01', 'MALE')).toEqual(hashes('Vaj Pov Lis', '1990-01-01', 'MALE'));
    expect(hashes('أحمد', '1975-03-03', 'MALE')).toEqual(hashes('احمد', '1975-03-03', 'MALE'));
  });

  it('keeps the year key only when the date differs within the year, and nothing when sex, year or a letter differ', () => {
    const [exact, year] = hashes('Nguyễn Thị Lan', '1980-05-17');
    const [otherDay, sameYear] = hashes('Nguyễn Thị Lan', '1980-06-17');
    expect(otherDay).not.toBe(exact);
    expect(sameYear).toBe(year);
    const all = new Set([exact, year]);
    for (const other of [hashes('Nguyễn Thị Lan', '1981-05-17'), hashes('Nguyễn Thị Lan', '1980-05-17', 'MALE'), hashes('Nguyễn Thị Lam')]) {
      expect(other.filter((hash) => all.has(hash))).toEqual([]);
    }
  });

  it('depends on the secret, and never contains the name', () => {
    expect(matchKeys('another-secret-0123456789abcdef012345', { fullName: 'Nguyễn Thị Lan', birthDate: '1980-05-17', sex: 'FEMALE' })).not.toEqual(
      keysOf('Nguyễn Thị Lan'),
    );
    expect(matchKeyTexts({ fullName: 'Lan Nguyễn Thị', birthDate: '1980-05-17', sex: 'FEMALE' })[0].text).toBe('v1|EXACT_DATE|lan nguyen thi|1980-05-17|FEMALE');
  });
});
