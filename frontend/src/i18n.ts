// The interface language: Russian by default, English by the switch in the header. The choice is kept in
// localStorage and told to Django through its `django_language` cookie, so the API's error messages and
// category names follow it (LocaleMiddleware reads the cookie). Strings live in ./messages.ts; panels
// plugged in later add theirs with addMessages().
import { EN, RU } from "./messages";

export type Locale = "ru" | "en";

export const LOCALES: readonly Locale[] = ["ru", "en"];
export const DEFAULT_LOCALE: Locale = "ru";
const STORAGE_KEY = "gp-locale";
const COOKIE = "django_language";

const catalogues: Record<Locale, Record<string, string>> = { ru: { ...RU }, en: { ...EN } };
const listeners = new Set<(locale: Locale) => void>();
let current: Locale = DEFAULT_LOCALE;

function isLocale(value: unknown): value is Locale {
  return value === "ru" || value === "en";
}

function storedLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null; // storage disabled (private mode): the default applies
  }
}

function writeCookie(locale: Locale): void {
  // A year, the whole site, readable by Django's LocaleMiddleware on every later request.
  document.cookie = `${COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
}

/** Picks the remembered locale (Russian when none) and makes sure Django's cookie says the same. */
export function initLocale(): Locale {
  current = storedLocale() ?? DEFAULT_LOCALE;
  if (!document.cookie.split("; ").includes(`${COOKIE}=${current}`)) writeCookie(current);
  document.documentElement.lang = current;
  return current;
}

export function getLocale(): Locale {
  return current;
}

/** Switches the interface: remembers the choice, sets the cookie and tells every listener to re-render. */
export function setLocale(locale: Locale): void {
  if (locale === current) return;
  current = locale;
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered across visits; the cookie still carries it.
  }
  writeCookie(locale);
  document.documentElement.lang = locale;
  for (const listener of listeners) listener(locale);
}

/** Calls `listener` after every switch; returns the function that stops it. */
export function onLocaleChange(listener: (locale: Locale) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Adds (or overrides) strings: how a plugged-in panel brings its own vocabulary. */
export function addMessages(ru: Record<string, string>, en: Record<string, string>): void {
  Object.assign(catalogues.ru, ru);
  Object.assign(catalogues.en, en);
}

/** The string `key` in the current language, `{name}` placeholders filled from `params`. A missing key
 * falls back to Russian, then to the key itself (visible, so it gets noticed). */
export function t(key: string, params?: Record<string, string | number>): string {
  const text = catalogues[current][key] ?? catalogues.ru[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A status code's label ("registered" → "зарегистрировано"). */
export function statusLabel(status: string): string {
  const key = `status.${status}`;
  return key in catalogues[current] || key in catalogues.ru ? t(key) : status;
}

/** A local date, or date and time, in the current language. */
export function formatDate(iso: string | null | undefined, withTime = false): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return withTime
    ? date.toLocaleString(current, { dateStyle: "medium", timeStyle: "short" })
    : date.toLocaleDateString(current, { year: "numeric", month: "long", day: "numeric" });
}

/** The name of a category (or anything with name_ru / name_en) in the current language. */
export function localName(item: { name?: string; name_ru?: string; name_en?: string }): string {
  const own = current === "en" ? item.name_en : item.name_ru;
  return own || item.name || item.name_ru || "";
}
