/** The respondent pages' interface words in Ukrainian. State: utkast, ej granskad (drafted in the project, not checked by a translator). */
import type { PiiKind } from "../../privacy/pii.js";
import { list, plural, type IssueTexts, type Ui } from "./sv.js";

const L = "uk";
const pii: Record<PiiKind, string> = { personnummer: "персональний ідентифікаційний номер", telefon: "номер телефону", epost: "адресу електронної пошти" };
const choose = (what: string) => `Оберіть одну з наведених відповідей на ${what}.`;
const issues: IssueTexts = {
  required: (what, _, q) => (q?.kind === "text" ? `Напишіть відповідь на ${what}.` : `Оберіть відповідь на ${what}.`),
  too_long: (what, { max }) => `Відповідь на ${what} може мати щонайбільше ${max} ${plural(L, max, { one: "символ", few: "символи", other: "символів" })}. Скоротіть текст.`,
  contains_pii: (what, { kinds }) => `Схоже, що у відповіді на ${what} є ${list(kinds.map((k) => pii[k]), "і")}. Видаліть це – відповіді мають бути анонімними й не пов’язаними з конкретною людиною.`,
  unknown_question: choose, not_asked: choose, out_of_range: choose, not_yes_or_no: choose,
  not_an_option: choose, not_text: choose, no_answers: choose,
};

const questionsWord = (n: number) => `${n} ${plural(L, n, { one: "питання", few: "питання", other: "питань" })}`;
const pagesWord = (n: number) => `${n} ${plural(L, n, { one: "сторінці", other: "сторінках" })}`;
const followUpsWord = (n: number) => plural(L, n, {
  one: `може з’явитися ${n} додаткове питання`, few: `можуть з’явитися ${n} додаткові питання`, other: `можуть з’явитися ${n} додаткових питань`,
});

export const uk: Ui = {
  locale: "uk-UA",
  skip: "Перейти до змісту",
  footer: "Відповіді анонімні. Ми не зберігаємо, хто ви, звідки і коли ви відповідаєте, – лише сьогоднішню дату.",
  anonymity: "Ваші відповіді анонімні. Ми не зберігаємо ваше ім’я, адресу електронної пошти, IP-адресу чи час, коли ви відповіли, – лише дату. Ніхто не може побачити, що саме ви відповіли.",
  chooseLanguage: "Оберіть мову",
  start: "Почати",
  questionCount: (n, pages, followUps) => `${questionsWord(n)} на ${pagesWord(pages)}.${followUps ? ` Залежно від ваших відповідей ${followUpsWord(followUps)}.` : ""}`,
  part: (n, total) => `Частина ${n} з ${total}`,
  questions: (first, last, asked) => `питання ${first === last ? first : `${first}–${last}`} з ${asked}`,
  question: (num) => `Питання ${num}`,
  requiredMark: "(обов’язково)",
  next: "Далі",
  send: "Надіслати відповіді",
  back: "Назад",
  save: "Зберегти й продовжити пізніше",
  yes: "Так",
  no: "Ні",
  frequency: ["Ніколи", "Рідко", "Іноді", "Часто", "Здебільшого", "Завжди"],
  dontKnow: "Не знаю / не стосується",
  scaleHint: (max, low, high) => `1 означає «${low}», ${max} означає «${high}».`,
  errorTitle: "Дещо потрібно виправити",
  errorPrefix: "Помилка:",
  errorPageTitle: "Помилка",
  issues,
  what: (num) => `питання ${num}`,
  commentOf: (num) => `коментар до питання ${num}`,
  otherOf: (num) => `«Інше» в питанні ${num}`,
  otherLabel: "Інше, а саме:",
  revealed: "Ваша відповідь додала уточнювальне питання. Дайте на нього відповідь і знову натисніть кнопку.",
  answerQuestion: (num) => `Дайте відповідь на питання ${num}`,
  savedTitle: "Ваші відповіді збережено",
  savedIntro: "Збережіть це посилання, наприклад як закладку або надіславши його собі. За цим посиланням ви зможете продовжити з того місця, де зупинилися.",
  savedWarning: "Будь-хто, хто має це посилання, може побачити й змінити ваші відповіді до їх надсилання. Нікому його не передавайте.",
  savedLinkLabel: "Ваше посилання, щоб продовжити",
  continueNow: "Продовжити відповідати зараз",
  thanksTitle: "Дякуємо за ваші відповіді!",
  thanksText: "Ваші відповіді надіслано. Тепер можете закрити сторінку.",
  closedTitle: "Опитування закрито",
  closedText: "Відповісти на це опитування вже неможливо. Дякуємо, що хотіли взяти участь!",
  notYetTitle: "Опитування ще не відкрито",
  notYetText: (date) => (date ? `Ви зможете відповісти з ${date}. Ласкаво просимо тоді!` : "На це опитування поки що не можна відповісти. Спробуйте пізніше."),
  unknownTitle: "Тут немає опитування",
  unknownText: "За цією адресою немає опитування. Перевірте, чи правильно написано адресу, – вона є на плакаті або в повідомленні, яке ви отримали.",
  answeredTitle: "Ви вже відповіли",
  answeredText: "Відповіді з вашого особистого посилання вже надіслано. Дякуємо, що знайшли час!",
  badLinkTitle: "Посилання не працює",
  badLinkText: "Ми не знаходимо збережених відповідей для цього посилання. Перевірте, чи ви скопіювали посилання повністю.",
  expiredTitle: "Термін дії сторінки минув",
  expiredText: "У формі бракувало потрібних даних. Почніть знову з першої сторінки опитування.",
  toStart: "На початок опитування",
};
