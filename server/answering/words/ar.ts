/** The respondent pages' interface words in Arabic. State: utkast, ej granskad (drafted in the project, not checked by a translator). */
import type { PiiKind } from "../../privacy/pii.js";
import { list, plural, type IssueTexts, type Ui } from "./sv.js";

const L = "ar";
const pii: Record<PiiKind, string> = { personnummer: "رقم هوية شخصي", telefon: "رقم هاتف", epost: "عنوان بريد إلكتروني" };
const choose = (what: string) => `اختر إحدى الإجابات المعروضة على ${what}.`;
const issues: IssueTexts = {
  required: (what, _, q) => (q?.kind === "text" ? `اكتب إجابة على ${what}.` : `اختر إجابة على ${what}.`),
  too_long: (what, { max }) => `يجب ألا تزيد الإجابة على ${what} عن ${max} حرفًا. اختصر النص.`,
  contains_pii: (what, { kinds }) => `يبدو أن ما كتبته في ${what} يحتوي على ${list(kinds.map((k) => pii[k]), "و", "، ")}. احذفه – يجب أن تكون الإجابات مجهولة الهوية ولا يمكن ربطها بشخص.`,
  unknown_question: choose, not_asked: choose, out_of_range: choose, not_yes_or_no: choose,
  not_an_option: choose, not_text: choose, no_answers: choose,
};

const questionsWord = (n: number) => plural(L, n, { one: "سؤال واحد", two: "سؤالان", few: `${n} أسئلة`, many: `${n} سؤالًا`, other: `${n} سؤال` });
const pagesWord = (n: number) => plural(L, n, { one: "صفحة واحدة", two: "صفحتين", few: `${n} صفحات`, other: `${n} صفحة` });
const followUpsWord = (n: number) => plural(L, n, {
  one: "قد يُضاف سؤال متابعة واحد", two: "قد يُضاف سؤالا متابعة", few: `قد تُضاف ${n} أسئلة متابعة`, other: `قد يُضاف ${n} سؤال متابعة`,
});

export const ar: Ui = {
  locale: "ar-u-nu-latn",
  skip: "انتقل إلى المحتوى",
  footer: "الإجابات مجهولة الهوية. لا نحفظ من أنت أو من أين تجيب أو في أي وقت – فقط تاريخ اليوم.",
  anonymity: "إجاباتك مجهولة الهوية. لا نحفظ اسمك أو بريدك الإلكتروني أو عنوان IP الخاص بك أو وقت إجابتك – فقط التاريخ. لا يستطيع أحد أن يرى ما أجبت به أنت.",
  chooseLanguage: "اختر اللغة",
  start: "ابدأ",
  questionCount: (n, pages, followUps) => `${questionsWord(n)} في ${pagesWord(pages)}.${followUps ? ` حسب إجاباتك، ${followUpsWord(followUps)}.` : ""}`,
  part: (n, total) => `الجزء ${n} من ${total}`,
  questions: (first, last, asked) => (first === last ? `السؤال ${first} من ${asked}` : `الأسئلة ${first}–${last} من ${asked}`),
  question: (num) => `السؤال ${num}`,
  requiredMark: "(إجباري)",
  next: "التالي",
  send: "أرسل الإجابات",
  back: "رجوع",
  save: "احفظ وتابع لاحقًا",
  yes: "نعم",
  no: "لا",
  frequency: ["أبدًا", "نادرًا", "أحيانًا", "غالبًا", "في معظم الأوقات", "دائمًا"],
  dontKnow: "لا أعرف / لا ينطبق",
  scaleHint: (max, low, high) => `1 تعني ${low}، و${max} تعني ${high}.`,
  errorTitle: "يجب تصحيح شيء ما",
  errorPrefix: "خطأ:",
  errorPageTitle: "خطأ",
  issues,
  what: (num) => `السؤال ${num}`,
  commentOf: (num) => `التعليق على السؤال ${num}`,
  otherOf: (num) => `«أخرى» في السؤال ${num}`,
  otherLabel: "أخرى، وهي:",
  revealed: "أدت إجابتك إلى سؤال متابعة. أجب عنه ثم اضغط على الزر مرة أخرى.",
  answerQuestion: (num) => `أجب عن السؤال ${num}`,
  savedTitle: "تم حفظ إجاباتك",
  savedIntro: "احفظ هذا الرابط، مثلًا كإشارة مرجعية أو بإرساله إلى نفسك. بهذا الرابط يمكنك المتابعة من حيث توقفت.",
  savedWarning: "من لديه الرابط يستطيع أن يرى إجاباتك ويغيّرها قبل إرسالها. لا تشاركه مع أحد.",
  savedLinkLabel: "رابطك للمتابعة",
  continueNow: "تابع الإجابة الآن",
  thanksTitle: "شكرًا على إجاباتك!",
  thanksText: "تم إرسال إجاباتك. يمكنك إغلاق الصفحة الآن.",
  closedTitle: "الاستبيان مغلق",
  closedText: "لم يعد من الممكن الإجابة على هذا الاستبيان. شكرًا لرغبتك في المشاركة!",
  notYetTitle: "الاستبيان لم يُفتح بعد",
  notYetText: (date) => (date ? `يمكنك الإجابة ابتداءً من ${date}. نرحب بك حينها!` : "لا يمكن الإجابة على هذا الاستبيان بعد. حاول مرة أخرى لاحقًا."),
  unknownTitle: "لم نجد استبيانًا هنا",
  unknownText: "لا يوجد استبيان على هذا العنوان. تأكد من كتابة العنوان بشكل صحيح – تجده على الملصق أو في الرسالة التي وصلتك.",
  answeredTitle: "لقد أجبت من قبل",
  answeredText: "تم إرسال الإجابات من رابطك الشخصي من قبل. شكرًا لك على وقتك!",
  badLinkTitle: "الرابط لا يعمل",
  badLinkText: "لا نجد إجابات محفوظة لهذا الرابط. تأكد من أنك نسخت الرابط كاملًا.",
  expiredTitle: "انتهت صلاحية الصفحة",
  expiredText: "كانت بعض المعلومات اللازمة ناقصة في النموذج. ابدأ من جديد من الصفحة الأولى للاستبيان.",
  toStart: "إلى بداية الاستبيان",
};
