import { containsPattern, foldForSearch } from './search-text';

describe('foldForSearch', () => {
  it.each([
    ['Phục hồi chức năng', 'phuc hoi chuc nang'],
    ['Trung tâm Công tác xã hội Đà Nẵng', 'trung tam cong tac xa hoi da nang'],
    ['NGUYỄN THỊ HỒNG', 'nguyen thi hong'],
    ['Crèche São Tomé', 'creche sao tome'],
    ['Łódź straße', 'lodz strasse'],
    ['Ελληνικά', 'ελληνικα'],
  ])('folds Latin-script accents and case: %s', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });

  it('ignores Arabic short-vowel marks, tatweel and hamza seats on alef', () => {
    expect(foldForSearch('مُحَمَّد')).toBe(foldForSearch('محمد'));
    expect(foldForSearch('أحمد')).toBe(foldForSearch('احمد'));
    expect(foldForSearch('إعادة التأهيل')).toBe(foldForSearch('اعاده التاهيل'));
    expect(foldForSearch('عـــلاج')).toBe('علاج');
  });

  it('keeps marks that change the word in other scripts', () => {
    expect(foldForSearch('कमल')).not.toBe(foldForSearch('कमाल'));
    expect(foldForSearch('किताब')).toBe('किताब');
  });

  it('collapses whitespace', () => {
    expect(foldForSearch('  legal \n aid ')).toBe('legal aid');
  });
});

describe('containsPattern', () => {
  it('takes LIKE wildcards literally', () => {
    expect(containsPattern('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
  });
});
