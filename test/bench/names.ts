/**
 * Word lists for the generated network: Vietnamese (with its diacritics and several ethnic
 * minorities' names), Arabic, and English. Invented people and organizations.
 */
import { pick, rnd } from './random';

export type Language = 'vi' | 'ar' | 'en';

export interface Country {
  code: string;
  language: Language;
  /** Provinces, governorates or regions as people write them. */
  regions: readonly string[];
  cities: readonly string[];
}

export const COUNTRIES: readonly Country[] = [
  {
    code: 'VN',
    language: 'vi',
    regions: [
      'Lào Cai', 'Lai Châu', 'Hà Giang', 'Điện Biên', 'Sơn La', 'Yên Bái', 'Cao Bằng', 'Bắc Kạn', 'Hà Nội', 'Hồ Chí Minh',
      'Đà Nẵng', 'Huế', 'Cần Thơ', 'Nghệ An', 'Thanh Hóa', 'Quảng Nam', 'Kon Tum', 'Gia Lai', 'Đắk Lắk', 'An Giang',
    ],
    cities: ['Bát Xát', 'Sa Pa', 'Bắc Hà', 'Mường Khương', 'Phong Thổ', 'Sìn Hồ', 'Mèo Vạc', 'Tuần Giáo', 'Mộc Châu', 'Lục Yên', 'Hội An', 'Pleiku', 'Buôn Ma Thuột', 'Long Xuyên'],
  },
  {
    code: 'JO',
    language: 'ar',
    regions: ['عمّان', 'إربد', 'الزرقاء', 'المفرق', 'العقبة', 'الكرك'],
    cities: ['عمّان', 'إربد', 'الزرقاء', 'المفرق', 'الرمثا', 'السلط'],
  },
  {
    code: 'LB',
    language: 'ar',
    regions: ['بيروت', 'البقاع', 'الشمال', 'الجنوب', 'عكار'],
    cities: ['بيروت', 'طرابلس', 'صيدا', 'زحلة', 'صور'],
  },
  {
    code: 'TH',
    language: 'en',
    regions: ['Chiang Mai', 'Chiang Rai', 'Tak', 'Bangkok'],
    cities: ['Chiang Mai', 'Mae Sot', 'Chiang Rai', 'Bangkok'],
  },
  {
    code: 'KE',
    language: 'en',
    regions: ['Nairobi', 'Kisumu', 'Turkana', 'Mombasa'],
    cities: ['Nairobi', 'Kisumu', 'Lodwar', 'Mombasa'],
  },
  {
    code: 'GB',
    language: 'en',
    regions: ['London', 'Greater Manchester', 'West Midlands'],
    cities: ['London', 'Manchester', 'Birmingham'],
  },
];

/** Which country an organization is in: mostly Vietnam, then the Arabic- and English-speaking ones. */
export function countryFor(u: number): Country {
  if (u < 0.7) return COUNTRIES[0];
  if (u < 0.8) return COUNTRIES[1];
  if (u < 0.85) return COUNTRIES[2];
  if (u < 0.9) return COUNTRIES[3];
  if (u < 0.95) return COUNTRIES[4];
  return COUNTRIES[5];
}

const VI_FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Lò', 'Vàng', 'Sùng', 'Giàng', 'Thào', 'Hà', 'Lục', 'Triệu', 'Đinh', 'Tẩn', 'Chảo'];
const VI_MIDDLE_F = ['Thị', 'Thị', 'Ngọc', 'Thanh', 'Thu', 'Xuân', 'Hồng', 'Mỹ', 'Kim'];
const VI_MIDDLE_M = ['Văn', 'Văn', 'Đức', 'Minh', 'Hữu', 'Quốc', 'Gia', 'A', 'Seo'];
const VI_GIVEN_F = ['Lan', 'Hoa', 'Mai', 'Hạnh', 'Bình', 'Xuân', 'Thảo', 'Linh', 'Trang', 'Hương', 'Phương', 'Yến', 'Nhàn', 'Dợ', 'Mẩy', 'Vy', 'Quỳnh', 'Tâm', 'Dung', 'Huyền', 'Sính', 'Chi', 'Ngân', 'Thúy'];
const VI_GIVEN_M = ['Hùng', 'Dũng', 'Nam', 'Tuấn', 'Chử', 'Thào', 'Sơn', 'Long', 'Hải', 'Khánh', 'Phúc', 'Quang', 'Thắng', 'Tài', 'Páo', 'Dìn', 'Lử', 'Cường', 'Đạt', 'Việt'];
const AR_FAMILY = ['العلي', 'الحسن', 'الخطيب', 'النجار', 'الحداد', 'الشامي', 'المصري', 'الزعبي', 'العمري', 'خليل', 'منصور', 'سليمان', 'عبد الله', 'الأحمد', 'القاسم'];
const AR_GIVEN_F = ['فاطمة', 'عائشة', 'مريم', 'خديجة', 'ليلى', 'سارة', 'نور', 'زينب', 'رنا', 'هدى', 'آمنة', 'سلمى', 'ريم', 'دعاء'];
const AR_GIVEN_M = ['محمد', 'أحمد', 'يوسف', 'علي', 'حسن', 'عمر', 'خالد', 'إبراهيم', 'مصطفى', 'سامر', 'طارق', 'زياد'];
const EN_FAMILY = ['Smith', 'Brown', 'Okafor', 'Johnson', 'Mensah', 'Williams', 'Taylor', 'Odhiambo', 'Davies', 'Wanjiru', 'Evans', 'Achieng', 'Kamau', 'Walker'];
const EN_GIVEN_F = ['Mary', 'Sarah', 'Grace', 'Emily', 'Ruth', 'Joy', 'Amina', 'Faith', 'Alice', 'Mercy', 'Hannah', 'Esther'];
const EN_GIVEN_M = ['John', 'David', 'James', 'Daniel', 'Peter', 'Samuel', 'Joseph', 'Brian', 'Kevin', 'Paul', 'George', 'Moses'];

/** A person's full name in their language; `female` picks the given names. */
export function personName(language: Language, female: boolean, tag: number, index: number): { full: string; preferred: string | null } {
  if (language === 'vi') {
    const family = pick(VI_FAMILY, tag, index, 11);
    const middle = pick(female ? VI_MIDDLE_F : VI_MIDDLE_M, tag, index, 12);
    const given = pick(female ? VI_GIVEN_F : VI_GIVEN_M, tag, index, 13);
    return { full: `${family} ${middle} ${given}`, preferred: rnd(tag, index, 14) < 0.15 ? given : null };
  }
  if (language === 'ar') {
    const given = pick(female ? AR_GIVEN_F : AR_GIVEN_M, tag, index, 13);
    const father = pick(AR_GIVEN_M, tag, index, 12);
    return { full: `${given} ${father} ${pick(AR_FAMILY, tag, index, 11)}`, preferred: rnd(tag, index, 14) < 0.1 ? given : null };
  }
  const given = pick(female ? EN_GIVEN_F : EN_GIVEN_M, tag, index, 13);
  return { full: `${given} ${pick(EN_FAMILY, tag, index, 11)}`, preferred: null };
}

export const ORGANIZATION_KINDS = [
  ['NGO', 30],
  ['GOVERNMENT_AGENCY', 20],
  ['COMMUNITY_GROUP', 18],
  ['HOSPITAL', 10],
  ['SCHOOL', 7],
  ['INTERNATIONAL_NGO', 6],
  ['FUNDER', 5],
  ['UN_AGENCY', 2],
  ['OTHER', 2],
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number][0];

/** An organization's name in its own language, e.g. "Trung tâm Công tác xã hội tỉnh Lào Cai". */
export function organizationName(kind: OrganizationKind, country: Country, region: string, city: string, index: number): string {
  const n = index % 7;
  if (country.language === 'vi') {
    switch (kind) {
      case 'GOVERNMENT_AGENCY':
        return [`Trung tâm Công tác xã hội tỉnh ${region}`, `Phòng Lao động – Thương binh và Xã hội huyện ${city}`, `Trung tâm Bảo trợ xã hội ${region}`][n % 3];
      case 'COMMUNITY_GROUP':
        return [`Hội Liên hiệp Phụ nữ huyện ${city}`, `Tỉnh đoàn ${region}`, `Hội Người cao tuổi xã ${city}`, `Câu lạc bộ Phụ nữ dân tộc thiểu số ${city}`][n % 4];
      case 'HOSPITAL':
        return [`Bệnh viện Đa khoa huyện ${city}`, `Bệnh viện Phục hồi chức năng ${region}`, `Trung tâm Y tế huyện ${city}`][n % 3];
      case 'SCHOOL':
        return [`Trường Phổ thông Dân tộc Nội trú ${city}`, `Trường Tiểu học ${city}`][n % 2];
      case 'FUNDER':
        return [`Quỹ Bảo trợ trẻ em ${region}`, `Quỹ Vì người nghèo ${region}`][n % 2];
      case 'INTERNATIONAL_NGO':
        return [`Tổ chức Hỗ trợ Cộng đồng Mê Kông – ${region}`, `Mạng lưới Ngôi nhà Bình yên ${region}`][n % 2];
      default:
        return [`Trung tâm Tư vấn và Hỗ trợ ${city}`, `Nhóm Tình nguyện Vì trẻ em ${city}`, `Trung tâm Nghiên cứu và Phát triển Cộng đồng ${region}`][n % 3];
    }
  }
  if (country.language === 'ar') {
    switch (kind) {
      case 'HOSPITAL':
        return `مستشفى ${city} الحكومي`;
      case 'GOVERNMENT_AGENCY':
        return `مديرية التنمية الاجتماعية في ${region}`;
      case 'FUNDER':
        return `صندوق ${region} لرعاية الطفولة`;
      case 'SCHOOL':
        return `مدرسة ${city} الأساسية`;
      default:
        return [`جمعية الأمل للإغاثة – ${city}`, `مركز ${city} للدعم النفسي والاجتماعي`, `جمعية نساء ${region} الخيرية`, `شبكة حماية الطفل في ${region}`][n % 4];
    }
  }
  switch (kind) {
    case 'HOSPITAL':
      return `${city} District Hospital`;
    case 'GOVERNMENT_AGENCY':
      return `${region} Department of Social Welfare`;
    case 'FUNDER':
      return [`${region} Children's Fund`, `Mekong Children's Fund – ${region}`, `${region} Community Foundation`][n % 3];
    case 'SCHOOL':
      return `${city} Primary School`;
    case 'UN_AGENCY':
      return `UN Joint Office, ${region}`;
    default:
      return [`Hope for ${city}`, `${city} Community Health Network`, `Safe Haven ${region}`, `${region} Women's Legal Aid Centre`][n % 4];
  }
}

/** What each service category is called, in each language: [name templates, description, eligibility]. */
export const SERVICE_TEXTS: Record<string, Record<Language, { names: string[]; description: string; eligibility: string }>> = {
  CASE_MANAGEMENT: {
    vi: { names: ['Quản lý trường hợp cho {g}', 'Hỗ trợ tái hòa nhập cộng đồng cho {g}'], description: 'Đánh giá nhu cầu, lập kế hoạch và điều phối dịch vụ', eligibility: 'Người có nhu cầu hỗ trợ lâu dài' },
    ar: { names: ['إدارة الحالات لـ{g}', 'العودة الآمنة وإعادة الإدماج لـ{g}'], description: 'تقييم الاحتياجات وتنسيق الخدمات', eligibility: 'من يحتاج إلى دعم طويل الأمد' },
    en: { names: ['Case management for {g}', 'Safe return and reintegration for {g}'], description: 'Assessing needs, planning and coordinating services over time', eligibility: 'People who need support over time' },
  },
  COUNSELING: {
    vi: { names: ['Tư vấn tâm lý cho {g}', 'Tư vấn tâm lý và trị liệu sau sang chấn'], description: 'Tư vấn cá nhân và nhóm, hỗ trợ tâm lý xã hội', eligibility: 'Mọi người, miễn phí' },
    ar: { names: ['الإرشاد النفسي لـ{g}', 'الدعم النفسي والاجتماعي لـ{g}'], description: 'جلسات إرشاد فردية وجماعية', eligibility: 'مفتوح للجميع مجاناً' },
    en: { names: ['Counselling for {g}', 'Trauma counselling and therapy'], description: 'Individual and group counselling, psychosocial support', eligibility: 'Anyone, free of charge' },
  },
  CRISIS_PSYCHOLOGICAL_SUPPORT: {
    vi: { names: ['Hỗ trợ tâm lý khẩn cấp cho {g}'], description: 'Sơ cứu tâm lý ngay sau bạo lực hoặc thiên tai', eligibility: 'Người vừa trải qua khủng hoảng' },
    ar: { names: ['الدعم النفسي الطارئ لـ{g}', 'الإسعافات النفسية الأولية'], description: 'إسعافات نفسية أولية بعد العنف أو الكوارث', eligibility: 'الناجون من الأزمات' },
    en: { names: ['Crisis psychological support for {g}'], description: 'Psychological first aid after violence, loss or disaster', eligibility: 'People in crisis' },
  },
  EMERGENCY_RELIEF: {
    vi: { names: ['Cứu trợ khẩn cấp cho {g}'], description: 'Tiền mặt, hàng hóa và chăm sóc trong tình huống khẩn cấp', eligibility: 'Hộ gia đình bị ảnh hưởng bởi thiên tai' },
    ar: { names: ['الإغاثة الطارئة لـ{g}'], description: 'مساعدات نقدية وعينية في حالات الطوارئ', eligibility: 'الأسر المتضررة' },
    en: { names: ['Emergency relief for {g}'], description: 'Cash, goods or care in an emergency', eligibility: 'Households hit by disaster' },
  },
  SHELTER: {
    vi: { names: ['Nhà tạm lánh cho {g}', 'Nhà an toàn cho phụ nữ và trẻ em bị bạo lực, bị mua bán'], description: 'Chỗ ở tạm thời an toàn, địa chỉ không công khai', eligibility: 'Phụ nữ và trẻ em gặp nguy hiểm' },
    ar: { names: ['دار إيواء آمنة لـ{g}'], description: 'إيواء مؤقت وآمن، العنوان غير معلن', eligibility: 'النساء والأطفال المعرضون للخطر' },
    en: { names: ['Safe shelter for {g}'], description: 'Emergency or temporary accommodation, address not published', eligibility: 'Women and children at risk' },
  },
  FOOD: {
    vi: { names: ['Bữa ăn và hỗ trợ dinh dưỡng cho {g}'], description: 'Bữa ăn, gói thực phẩm và hỗ trợ dinh dưỡng', eligibility: 'Hộ nghèo và cận nghèo' },
    ar: { names: ['سلال غذائية لـ{g}'], description: 'وجبات وسلال غذائية ودعم تغذوي', eligibility: 'الأسر الفقيرة' },
    en: { names: ['Food parcels for {g}'], description: 'Meals, food parcels and nutrition support', eligibility: 'Low-income households' },
  },
  HEALTH_CHECKS: {
    vi: { names: ['Khám sức khỏe định kỳ cho {g}', 'Khám sức khỏe lưu động vùng cao'], description: 'Khám sức khỏe định kỳ và chăm sóc ban đầu', eligibility: 'Người cao tuổi và trẻ em' },
    ar: { names: ['الفحوص الصحية الدورية لـ{g}'], description: 'فحوص صحية منتظمة ورعاية أولية', eligibility: 'كبار السن والأطفال' },
    en: { names: ['Health checks for {g}', 'Mobile health clinic'], description: 'Regular health checks and primary care', eligibility: 'Older people and children' },
  },
  PHYSICAL_REHABILITATION: {
    vi: { names: ['Phục hồi chức năng cho {g}'], description: 'Vật lý trị liệu, dụng cụ hỗ trợ và phục hồi sau ốm đau, tai nạn', eligibility: 'Người cao tuổi và người khuyết tật' },
    ar: { names: ['إعادة التأهيل البدني لـ{g}'], description: 'علاج طبيعي وأدوات مساعدة', eligibility: 'كبار السن وذوو الإعاقة' },
    en: { names: ['Physical rehabilitation for {g}'], description: 'Physiotherapy, mobility aids and rehabilitation after illness or injury', eligibility: 'Older people and people with disabilities' },
  },
  MENTAL_HEALTH_CARE: {
    vi: { names: ['Khám và tư vấn sức khỏe tâm thần cho {g}'], description: 'Chẩn đoán, điều trị và chăm sóc sức khỏe tâm thần tại cộng đồng', eligibility: 'Người có vấn đề sức khỏe tâm thần' },
    ar: { names: ['رعاية الصحة النفسية لـ{g}'], description: 'تشخيص وعلاج ورعاية مجتمعية', eligibility: 'المصابون باضطرابات نفسية' },
    en: { names: ['Mental-health care for {g}'], description: 'Diagnosis, treatment and community care for mental illness', eligibility: 'People living with mental illness' },
  },
  SUBSTANCE_USE_TREATMENT: {
    vi: { names: ['Điều trị và hỗ trợ cai nghiện cho {g}'], description: 'Điều trị và hỗ trợ phục hồi', eligibility: 'Người sử dụng ma túy hoặc rượu' },
    ar: { names: ['علاج الإدمان لـ{g}'], description: 'علاج ودعم التعافي', eligibility: 'متعاطو المخدرات أو الكحول' },
    en: { names: ['Substance-use treatment for {g}'], description: 'Treatment and recovery support', eligibility: 'People who use drugs or alcohol' },
  },
  FAMILY_THERAPY: {
    vi: { names: ['Tham vấn gia đình cho {g}'], description: 'Làm việc với gia đình để giải quyết mâu thuẫn', eligibility: 'Gia đình có trẻ em' },
    ar: { names: ['العلاج الأسري لـ{g}'], description: 'العمل مع الأسر لحل النزاعات', eligibility: 'الأسر التي لديها أطفال' },
    en: { names: ['Family therapy for {g}'], description: 'Work with families to resolve conflict and strengthen care', eligibility: 'Families with children' },
  },
  LEGAL_AID_AND_ADVOCACY: {
    vi: { names: ['Trợ giúp pháp lý cho {g}', 'Trợ giúp pháp lý cho phụ nữ bị bạo lực gia đình'], description: 'Tư vấn pháp luật, đại diện và hỗ trợ hưởng chế độ', eligibility: 'Người thuộc diện trợ giúp pháp lý' },
    ar: { names: ['المساعدة القانونية لـ{g}'], description: 'استشارات وتمثيل قانوني', eligibility: 'المستحقون للمساعدة القانونية' },
    en: { names: ['Legal aid for {g}'], description: 'Legal advice, representation and help claiming entitlements', eligibility: 'People eligible for legal aid' },
  },
  EDUCATION_AND_VOCATIONAL_TRAINING: {
    vi: { names: ['Kèm cặp học tập cho {g}', 'Dạy nghề cho {g}'], description: 'Hỗ trợ học tập, xóa mù chữ và dạy nghề', eligibility: 'Học sinh vùng cao và thanh niên' },
    ar: { names: ['التدريب المهني لـ{g}', 'دعم التعليم لـ{g}'], description: 'دعم مدرسي ومحو أمية وتدريب مهني', eligibility: 'الشباب والطلاب' },
    en: { names: ['Tutoring for {g}', 'Vocational training for {g}'], description: 'Schooling support, literacy and training for work', eligibility: 'Students and young people' },
  },
  CHILD_PROTECTION: {
    vi: { names: ['Chăm sóc thay thế cho trẻ em không có sự chăm sóc của cha mẹ', 'Bảo vệ trẻ em cho {g}'], description: 'Bảo vệ trẻ em khỏi xâm hại, bỏ rơi và bóc lột; chăm sóc thay thế', eligibility: 'Trẻ em có hoàn cảnh đặc biệt' },
    ar: { names: ['حماية الطفل لـ{g}', 'الرعاية البديلة للأطفال'], description: 'حماية الأطفال من الإساءة والإهمال والاستغلال', eligibility: 'الأطفال المعرضون للخطر' },
    en: { names: ['Child protection for {g}', 'Alternative care for children without parental care'], description: 'Protecting children from abuse, neglect and exploitation', eligibility: 'Children at risk' },
  },
  ELDERLY_CARE: {
    vi: { names: ['Chăm sóc người cao tuổi tại nhà', 'Chăm sóc ban ngày cho người cao tuổi'], description: 'Chăm sóc tại nhà, ban ngày và nội trú cho người cao tuổi', eligibility: 'Người cao tuổi sống một mình' },
    ar: { names: ['رعاية كبار السن في المنزل'], description: 'رعاية منزلية ونهارية لكبار السن', eligibility: 'كبار السن الذين يعيشون وحدهم' },
    en: { names: ['Home care for older people'], description: 'Home care, day care and residential care for older people', eligibility: 'Older people living alone' },
  },
  DISABILITY_SUPPORT: {
    vi: { names: ['Hỗ trợ người khuyết tật hòa nhập cộng đồng'], description: 'Hỗ trợ, dụng cụ trợ giúp và hòa nhập cho người khuyết tật', eligibility: 'Người khuyết tật' },
    ar: { names: ['دعم الأشخاص ذوي الإعاقة'], description: 'دعم وأجهزة مساعدة ودمج', eligibility: 'الأشخاص ذوو الإعاقة' },
    en: { names: ['Disability support and inclusion'], description: 'Support, assistive devices and inclusion for people with disabilities', eligibility: 'People with disabilities' },
  },
};

export const SERVICE_CATEGORY_CODES = Object.keys(SERVICE_TEXTS);

const GROUPS: Record<Language, string[]> = {
  vi: ['trẻ em', 'phụ nữ bị bạo lực', 'người cao tuổi', 'người khuyết tật', 'thanh thiếu niên', 'người dân tộc thiểu số'],
  ar: ['الأطفال', 'النساء الناجيات من العنف', 'كبار السن', 'الأشخاص ذوي الإعاقة', 'الشباب', 'اللاجئين'],
  en: ['children', 'survivors of violence', 'older people', 'people with disabilities', 'young people', 'refugees'],
};

export function serviceTexts(category: string, language: Language, tag: number, index: number) {
  const texts = SERVICE_TEXTS[category][language];
  const name = pick(texts.names, tag, index, 21).replace('{g}', pick(GROUPS[language], tag, index, 22));
  return { name, description: texts.description, eligibility: texts.eligibility };
}

/** Directory searches the load test sends: folded and unfolded, in each script. */
export const DIRECTORY_SEARCHES = ['tư vấn', 'suc khoe', 'trẻ em', 'phuc hoi', 'tro giup phap ly', 'الدعم', 'حماية الطفل', 'shelter', 'legal aid', 'counselling', 'nhà tạm lánh', 'older people'];

export const REFERRAL_REASONS: Record<Language, string[]> = {
  vi: [
    'Cần phục hồi chức năng sau tai biến, sống một mình',
    'Cần khám sức khỏe và theo dõi huyết áp',
    'Bị bạo lực gia đình, cần nơi tạm lánh an toàn cho hai mẹ con',
    'Cần trợ giúp pháp lý về quyền nuôi con',
    'Trẻ em không có người chăm sóc, cần chăm sóc thay thế',
    'Cần tư vấn tâm lý sau sang chấn',
    'Trở về từ nước ngoài sau khi bị mua bán, cần hỗ trợ tái hòa nhập',
  ],
  ar: ['بحاجة إلى دعم نفسي بعد صدمة', 'تحتاج إلى مأوى آمن مع أطفالها', 'بحاجة إلى استشارة قانونية', 'بحاجة إلى فحص طبي ومتابعة', 'طفل بلا رعاية والدية يحتاج إلى رعاية بديلة'],
  en: ['Needs safe shelter for two weeks', 'Needs legal advice on custody', 'Needs a health check and follow-up', 'Needs counselling after trauma', 'Older person living alone needs home care'],
};

export const REFERRAL_NEEDS: Record<Language, string[]> = {
  vi: ['Nói tiếng Mông, cần phiên dịch', 'Cần đưa đón từ xã', 'Liên hệ qua trưởng thôn', 'Ưu tiên cán bộ nữ'],
  ar: ['تحتاج إلى مترجمة', 'يفضل التواصل عبر الهاتف', 'تحتاج إلى مواصلات'],
  en: ['Needs an interpreter', 'Prefers a female caseworker', 'Needs transport'],
};

export const COMMENTS: Record<Language, string[]> = {
  vi: ['Đã gọi điện cho chị, hẹn gặp thứ Hai', 'Gia đình đồng ý đưa cụ đến khám', 'Đã sắp xếp phiên dịch tiếng Mông', 'Đã nhận hồ sơ, đang xem xét', 'Cháu đã đi học trở lại'],
  ar: ['تم الاتصال بها وتحديد موعد', 'وصلت الحالة إلى المركز', 'تم ترتيب مترجمة'],
  en: ['Called her, appointment on Monday', 'Family agreed to bring him in', 'File received, reviewing', 'Interpreter arranged'],
};
