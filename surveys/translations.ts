/**
 * Samspår's drafted language versions of the standard questionnaires for participants, in the languages
 * many of them read best: Arabic, Somali, Tigrinya, Persian and Ukrainian. Texts are keyed as
 * textEntries (surveys/edit.ts) keys them, for one version of the questionnaire.
 *
 * Where they come from: translated in the project from the Swedish of that version (surveys/<id>.ts),
 * not checked by a translator and not NNS's: state utkast. A förbund sees them as utkast on the translation
 * page, and its own texts (questionnaire_translations) take their place key by key. They are never
 * national wording: only the Swedish is compared with NNS's figures, and answers in every language are
 * answers to the same questions (the same ids and answer codes).
 */
export type DraftedLanguageVersion = { questionnaire: string; version: number; lang: string; texts: Readonly<Record<string, string>> };

/** Texts that are the same in both participant questionnaires (the same Swedish in each). */
const shared = {
  ar: {
    "q6.text": "هل تشعر أنك أكثر استعدادًا للعمل أو الدراسة مقارنةً بما كنت عليه قبل أن تتواصل معنا؟",
    "section.egna-ord.title": "بكلماتك الخاصة",
    "q8.text": "ما الذي يهمك لكي تتمكن من العمل أو الدراسة؟",
  },
  so: {
    "q6.text": "Ma dareemaysaa inaad u diyaarsan tahay inaad shaqeyso ama wax barato marka loo eego ka hor intaadan nala soo xiriirin?",
    "section.egna-ord.title": "Ereyadaada",
    "q8.text": "Maxaa muhiim kuu ah si aad u shaqeyn karto ama wax u baran karto?",
  },
  ti: {
    "q6.text": "ምሳና ቅድሚ ምርኻብካ ምስ ዝነበረ ብምንጽጻር፡ ንምስራሕ ወይ ንምምሃር ዝያዳ ድሉው ኮይንካ ይስምዓካ ዶ?",
    "section.egna-ord.title": "ብናትካ ቃላት",
    "q8.text": "ክትሰርሕ ወይ ክትመሃር ምእንቲ ንዓኻ ኣገዳሲ እንታይ እዩ?",
  },
  fa: {
    "q6.text": "آیا در مقایسه با پیش از آشنایی با ما، احساس می‌کنید برای کار یا تحصیل آماده‌تر هستید؟",
    "section.egna-ord.title": "با کلمات خودتان",
    "q8.text": "برای اینکه بتوانید کار یا تحصیل کنید، چه چیزی برایتان مهم است؟",
  },
  uk: {
    "q6.text": "Чи відчуваєте ви себе більш готовими працювати або навчатися, ніж до того, як звернулися до нас?",
    "section.egna-ord.title": "Своїми словами",
    "q8.text": "Що для вас важливо, щоб мати змогу працювати або навчатися?",
  },
} as const;

const ongoing: Record<keyof typeof shared, Record<string, string>> = {
  ar: {
    title: "استبيان المؤشرات – المشاركون في برنامج جارٍ",
    shortTitle: "ما رأيك في الدعم الذي تحصل عليه؟",
    intro: "الاستبيان مجهول الهوية وطوعي. لا يستطيع أحد أن يرى ما أجبت به أنت. أجب بناءً على تجربتك مع الدعم في البرنامج.",
    "section.stodet.title": "الدعم الذي تحصل عليه",
    "q1.text": "هل تحصل على الدعم بطريقة تفيدك كثيرًا؟",
    "q2.text": "هل تشارك في تحديد الدعم الذي تحصل عليه؟",
    "q3.text": "هل تحصل على وقت كافٍ في البرنامج؟",
    "q4a.text": "هل تحتاج إلى دعم في تواصلك مع السلطات أو الرعاية الصحية؟",
    "q4b.text": "هل تحصل على دعم من البرنامج في تواصلك مع السلطات أو الرعاية الصحية؟",
    "q5.text": "هل ساعدك الدعم الذي حصلت عليه في البرنامج على التعامل مع وضعك في الحياة؟",
    "q7.text": "هل تشعر أن الموظفين يستفيدون من تجاربك، مثل معارفك وآرائك؟",
    "q9.text": "كيف يُحدث الدعم الذي تحصل عليه فرقًا بالنسبة لك؟ (يمكنك أن تصف ماذا ولماذا)",
    "q10.text": "ما الذي يمكن القيام به بشكل مختلف؟",
  },
  so: {
    title: "Sahanka tilmaamayaasha – ka qaybgalayaasha barnaamij socda",
    shortTitle: "Maxay kula tahay taageerada aad hesho?",
    intro: "Sahanku waa qarsoodi waana ikhtiyaari. Qofna ma arki karo waxa adigu aad ka jawaabtay. Ka jawaab sida aad u aragto taageerada barnaamijka.",
    "section.stodet.title": "Taageerada aad hesho",
    "q1.text": "Ma u heshaa taageero si aad ugu faa’iido badan adiga?",
    "q2.text": "Ma ka qaybqaadataa go’aaminta taageerada aad heleyso?",
    "q3.text": "Ma heshaa waqti ku filan barnaamijka?",
    "q4a.text": "Ma u baahan tahay taageero marka aad la xiriirayso hay’adaha dowladda ama daryeelka caafimaadka?",
    "q4b.text": "Ma ka heshaa taageero barnaamijka marka aad la xiriirayso hay’adaha dowladda ama daryeelka caafimaadka?",
    "q5.text": "Taageerada aad ka heshay barnaamijka ma kaa caawisay inaad wax ka qabato xaaladdaada nolosha?",
    "q7.text": "Ma dareemaysaa in shaqaaluhu ka faa’iidaystaan waayo-aragnimadaada, sida aqoontaada iyo fikradahaaga?",
    "q9.text": "Sidee taageerada aad hesho isbeddel ugu samaysaa adiga? (Fadlan sharax waxa iyo sababta)",
    "q10.text": "Maxaa si kale loo samayn karaa?",
  },
  ti: {
    title: "መጠይቕ መለክዒታት – ተሳተፍቲ ኣብ ቀጻሊ መደብ",
    shortTitle: "ብዛዕባ እትረኽቦ ደገፍ እንታይ ትሓስብ?",
    intro: "እዚ መጠይቕ ስም ዘይብሉን ብፍቓድካን እዩ። ኣንታ እንታይ ከም ዝመለስካ ዝኾነ ሰብ ክርኢ ኣይክእልን። ከም ተሞክሮኻ ብዛዕባ እቲ ኣብ መደብ ዝረኸብካዮ ደገፍ መልስ።",
    "section.stodet.title": "እትረኽቦ ደገፍ",
    "q1.text": "ንዓኻ ብዙሕ ብዝጠቕም ኣገባብ ደገፍ ትረክብ ዶ?",
    "q2.text": "ኣየናይ ደገፍ ከም እትረክብ ኣብ ምውሳን ትሳተፍ ዶ?",
    "q3.text": "ኣብቲ መደብ እኹል ግዜ ትረክብ ዶ?",
    "q4a.text": "ምስ ሰበ-ስልጣን ወይ ክንክን ጥዕና ኣብ እትራኸበሉ ደገፍ የድልየካ ዶ?",
    "q4b.text": "ምስ ሰበ-ስልጣን ወይ ክንክን ጥዕና ኣብ እትራኸበሉ ካብቲ መደብ ደገፍ ትረክብ ዶ?",
    "q5.text": "እቲ ኣብ መደብ ዝረኸብካዮ ደገፍ ንኩነታት ህይወትካ ክትሕዞ ሓጊዙካ ዶ?",
    "q7.text": "እቶም ሰራሕተኛታት ንተሞክሮታትካ፡ ከም ፍልጠትካን ርእይቶታትካን፡ ይጥቀሙሉ እዮም ኢልካ ይስምዓካ ዶ?",
    "q9.text": "እቲ እትረኽቦ ደገፍ ኣብ ህይወትካ ከመይ ፍልልይ የምጽእ? (እንታይን ስለምንታይን ግለጽ)",
    "q10.text": "እንታይ ብኻልእ ኣገባብ ክግበር ይኽእል?",
  },
  fa: {
    title: "پرسشنامه شاخص‌ها – شرکت‌کنندگان در برنامه در حال اجرا",
    shortTitle: "نظر شما درباره حمایتی که دریافت می‌کنید چیست؟",
    intro: "این پرسشنامه ناشناس و داوطلبانه است. هیچ‌کس نمی‌تواند ببیند که شما چه پاسخی داده‌اید. بر اساس تجربه خود از حمایت در برنامه پاسخ دهید.",
    "section.stodet.title": "حمایتی که دریافت می‌کنید",
    "q1.text": "آیا حمایت را به شکلی دریافت می‌کنید که برای شما بسیار مفید است؟",
    "q2.text": "آیا در تصمیم‌گیری درباره حمایتی که دریافت می‌کنید مشارکت دارید؟",
    "q3.text": "آیا در برنامه زمان کافی دریافت می‌کنید؟",
    "q4a.text": "آیا در ارتباط با ادارات دولتی یا خدمات درمانی به حمایت نیاز دارید؟",
    "q4b.text": "آیا در ارتباط‌هایتان با ادارات دولتی یا خدمات درمانی از برنامه حمایت دریافت می‌کنید؟",
    "q5.text": "آیا حمایتی که در برنامه دریافت کرده‌اید به شما کمک کرده است تا با وضعیت زندگی‌تان کنار بیایید؟",
    "q7.text": "آیا احساس می‌کنید کارکنان از تجربه‌های شما، مانند دانش و دیدگاه‌هایتان، بهره می‌گیرند؟",
    "q9.text": "حمایتی که دریافت می‌کنید چه تفاوتی در زندگی شما ایجاد می‌کند؟ (اگر مایلید بنویسید چه چیزی و چرا)",
    "q10.text": "چه کاری را می‌توان به شکل دیگری انجام داد؟",
  },
  uk: {
    title: "Опитування за індикаторами – учасники програми, що триває",
    shortTitle: "Що ви думаєте про підтримку, яку отримуєте?",
    intro: "Опитування анонімне і добровільне. Ніхто не може побачити, що саме ви відповіли. Відповідайте з власного досвіду підтримки в програмі.",
    "section.stodet.title": "Підтримка, яку ви отримуєте",
    "q1.text": "Чи отримуєте ви підтримку так, що вона дуже корисна для вас?",
    "q2.text": "Чи берете ви участь у вирішенні, яку підтримку отримувати?",
    "q3.text": "Чи достатньо часу ви отримуєте в програмі?",
    "q4a.text": "Чи потрібна вам підтримка в контактах з державними органами чи медичними закладами?",
    "q4b.text": "Чи отримуєте ви від програми підтримку в контактах з державними органами чи медичними закладами?",
    "q5.text": "Чи допомогла вам підтримка в програмі впоратися з вашою життєвою ситуацією?",
    "q7.text": "Чи відчуваєте ви, що працівники використовують ваш досвід, зокрема ваші знання й погляди?",
    "q9.text": "Як підтримка, яку ви отримуєте, змінює щось для вас? (Опишіть, що і чому, якщо бажаєте)",
    "q10.text": "Що можна було б зробити інакше?",
  },
};

const ending: Record<keyof typeof shared, Record<string, string>> = {
  ar: {
    title: "استبيان المؤشرات – المشاركون عند انتهاء البرنامج",
    shortTitle: "ما رأيك في الدعم الذي حصلت عليه؟",
    intro: "لقد أنهيت البرنامج. الاستبيان مجهول الهوية وطوعي. لا يستطيع أحد أن يرى ما أجبت به أنت. أجب بناءً على تجربتك مع الدعم في البرنامج.",
    "section.stodet.title": "الدعم الذي حصلت عليه",
    "q1.text": "هل حصلت على الدعم بطريقة أفادتك كثيرًا؟",
    "q2.text": "هل شاركت في تحديد الدعم الذي ستحصل عليه؟",
    "q3.text": "هل حصلت على وقت كافٍ في البرنامج؟",
    "q4a.text": "هل كنت بحاجة إلى دعم في تواصلك مع السلطات أو الرعاية الصحية؟",
    "q4b.text": "هل حصلت على دعم من البرنامج في تواصلك مع السلطات أو الرعاية الصحية؟",
    "q5.text": "هل ساعدك الدعم الذي حصلت عليه على تطوير طرق للتعامل مع وضعك؟",
    "q7.text": "هل تشعر أن الموظفين يستفيدون من تجاربك ومعارفك وآرائك؟",
    "q9.text": "كيف أحدث الدعم الذي حصلت عليه فرقًا بالنسبة لك؟ (يمكنك أن تصف ماذا ولماذا)",
    "q10.text": "ما الذي كان يمكن القيام به بشكل مختلف؟",
  },
  so: {
    title: "Sahanka tilmaamayaasha – ka qaybgalayaasha marka barnaamijku dhammaado",
    shortTitle: "Maxay kula ahayd taageerada aad heshay?",
    intro: "Waad dhammaysay barnaamijka. Sahanku waa qarsoodi waana ikhtiyaari. Qofna ma arki karo waxa adigu aad ka jawaabtay. Ka jawaab sida aad u aragtay taageerada barnaamijka.",
    "section.stodet.title": "Taageerada aad heshay",
    "q1.text": "Ma heshay taageero si aad ugu faa’iido badan adiga?",
    "q2.text": "Ma ka qaybqaadatay go’aaminta taageerada aad heli lahayd?",
    "q3.text": "Ma heshay waqti ku filan barnaamijka?",
    "q4a.text": "Ma u baahnayd taageero marka aad la xiriirayso hay’adaha dowladda ama daryeelka caafimaadka?",
    "q4b.text": "Ma ka heshay taageero barnaamijka marka aad la xiriirayso hay’adaha dowladda ama daryeelka caafimaadka?",
    "q5.text": "Taageerada aad heshay ma kaa caawisay inaad hesho habab aad xaaladdaada wax uga qabato?",
    "q7.text": "Ma dareemaysaa in shaqaaluhu ka faa’iidaystaan waayo-aragnimadaada, aqoontaada iyo fikradahaaga?",
    "q9.text": "Sidee taageerada aad heshay isbeddel ugu samaysay adiga? (Fadlan sharax waxa iyo sababta)",
    "q10.text": "Maxaa si kale loo samayn kari lahaa?",
  },
  ti: {
    title: "መጠይቕ መለክዒታት – ተሳተፍቲ ኣብ መወዳእታ መደብ",
    shortTitle: "ብዛዕባ ዝረኸብካዮ ደገፍ እንታይ ሓሲብካ?",
    intro: "ነቲ መደብ ወዲእካዮ ኣለኻ። እዚ መጠይቕ ስም ዘይብሉን ብፍቓድካን እዩ። ኣንታ እንታይ ከም ዝመለስካ ዝኾነ ሰብ ክርኢ ኣይክእልን። ከም ተሞክሮኻ ብዛዕባ እቲ ኣብ መደብ ዝረኸብካዮ ደገፍ መልስ።",
    "section.stodet.title": "ዝረኸብካዮ ደገፍ",
    "q1.text": "ንዓኻ ብዙሕ ብዝጠቕም ኣገባብ ደገፍ ረኺብካ ዶ?",
    "q2.text": "ኣየናይ ደገፍ ከም እትረክብ ኣብ ምውሳን ተሳቲፍካ ዶ?",
    "q3.text": "ኣብቲ መደብ እኹል ግዜ ረኺብካ ዶ?",
    "q4a.text": "ምስ ሰበ-ስልጣን ወይ ክንክን ጥዕና ኣብ እትራኸበሉ ደገፍ የድልየካ ነይሩ ዶ?",
    "q4b.text": "ምስ ሰበ-ስልጣን ወይ ክንክን ጥዕና ኣብ እትራኸበሉ ካብቲ መደብ ደገፍ ረኺብካ ዶ?",
    "q5.text": "እቲ ዝረኸብካዮ ደገፍ ንኩነታትካ ንምሕዳር ኣገባባት ንምምዕባል ሓጊዙካ ዶ?",
    "q7.text": "እቶም ሰራሕተኛታት ንተሞክሮታትካ፡ ፍልጠትካን ርእይቶታትካን ይጥቀሙሉ እዮም ኢልካ ይስምዓካ ዶ?",
    "q9.text": "እቲ ዝረኸብካዮ ደገፍ ኣብ ህይወትካ ከመይ ፍልልይ ኣምጺኡ? (እንታይን ስለምንታይን ግለጽ)",
    "q10.text": "እንታይ ብኻልእ ኣገባብ ክግበር ምተኻእለ?",
  },
  fa: {
    title: "پرسشنامه شاخص‌ها – شرکت‌کنندگان در پایان برنامه",
    shortTitle: "نظر شما درباره حمایتی که دریافت کردید چه بود؟",
    intro: "شما برنامه را به پایان رسانده‌اید. این پرسشنامه ناشناس و داوطلبانه است. هیچ‌کس نمی‌تواند ببیند که شما چه پاسخی داده‌اید. بر اساس تجربه خود از حمایت در برنامه پاسخ دهید.",
    "section.stodet.title": "حمایتی که دریافت کرده‌اید",
    "q1.text": "آیا حمایت را به شکلی دریافت کرده‌اید که برای شما بسیار مفید بوده است؟",
    "q2.text": "آیا در تصمیم‌گیری درباره حمایتی که قرار بود دریافت کنید مشارکت داشتید؟",
    "q3.text": "آیا در برنامه زمان کافی دریافت کردید؟",
    "q4a.text": "آیا در ارتباط با ادارات دولتی یا خدمات درمانی به حمایت نیاز داشته‌اید؟",
    "q4b.text": "آیا در ارتباط‌هایتان با ادارات دولتی یا خدمات درمانی از برنامه حمایت دریافت کرده‌اید؟",
    "q5.text": "آیا حمایتی که دریافت کرده‌اید به شما کمک کرده است راه‌هایی برای کنار آمدن با وضعیت‌تان پیدا کنید؟",
    "q7.text": "آیا احساس می‌کنید کارکنان از تجربه‌ها، دانش و دیدگاه‌های شما بهره می‌گیرند؟",
    "q9.text": "حمایتی که دریافت کرده‌اید چه تفاوتی در زندگی شما ایجاد کرده است؟ (اگر مایلید بنویسید چه چیزی و چرا)",
    "q10.text": "چه کاری می‌توانست به شکل دیگری انجام شود؟",
  },
  uk: {
    title: "Опитування за індикаторами – учасники після завершення програми",
    shortTitle: "Що ви думаєте про підтримку, яку отримали?",
    intro: "Ви завершили програму. Опитування анонімне і добровільне. Ніхто не може побачити, що саме ви відповіли. Відповідайте з власного досвіду підтримки в програмі.",
    "section.stodet.title": "Підтримка, яку ви отримали",
    "q1.text": "Чи отримували ви підтримку так, що вона була дуже корисною для вас?",
    "q2.text": "Чи брали ви участь у вирішенні, яку підтримку отримувати?",
    "q3.text": "Чи достатньо часу ви отримали в програмі?",
    "q4a.text": "Чи потрібна була вам підтримка в контактах з державними органами чи медичними закладами?",
    "q4b.text": "Чи отримували ви від програми підтримку в контактах з державними органами чи медичними закладами?",
    "q5.text": "Чи допомогла вам отримана підтримка знайти способи впоратися з вашою ситуацією?",
    "q7.text": "Чи відчуваєте ви, що працівники використовують ваш досвід, знання й погляди?",
    "q9.text": "Як отримана підтримка змінила щось для вас? (Опишіть, що і чому, якщо бажаєте)",
    "q10.text": "Що можна було зробити інакше?",
  },
};

const langs = Object.keys(shared) as (keyof typeof shared)[];

export const draftedLanguageVersions: readonly DraftedLanguageVersion[] = [
  ...langs.map((lang) => ({ questionnaire: "indikator-deltagare-pagaende", version: 1, lang, texts: { ...ongoing[lang], ...shared[lang] } })),
  ...langs.map((lang) => ({ questionnaire: "indikator-deltagare-avslut", version: 1, lang, texts: { ...ending[lang], ...shared[lang] } })),
];

/** Samspår's drafted texts for one version and language of a standard questionnaire (empty when there are none). */
export function draftedTexts(questionnaire: string, version: number, lang: string): Readonly<Record<string, string>> {
  return draftedLanguageVersions.find((d) => d.questionnaire === questionnaire && d.version === version && d.lang === lang)?.texts ?? {};
}

/** The languages Samspår has drafted for a questionnaire version. */
export const draftedLanguages = (questionnaire: string, version: number): string[] =>
  draftedLanguageVersions.filter((d) => d.questionnaire === questionnaire && d.version === version).map((d) => d.lang);
