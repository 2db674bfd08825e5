/**
 * Types of window.cookieConsent and of the DOM events of the cookie-consent
 * banner (https://github.com/opendata-portals/cookie-consent). Copy this file
 * into a TypeScript project, or reference it:
 *   /// <reference path="consent.d.ts" />
 */

/** A category id of the site's configuration, e.g. "statistics". */
export type CategoryId = string;

/** The visitor's choice, exactly as stored in the cookies_preferences cookie. */
export interface ConsentChoice {
  /** The cookie format's version: 1. */
  v: 1;
  /** The configuration revision the visitor answered. */
  rev: number;
  /** A random consent id (22 characters, URL-safe base64): what a proof-of-consent record refers to. */
  id: string;
  /** When the choice was made, in seconds since 1970 (UTC). */
  ts: number;
  /** Every configured category, true when accepted. */
  categories: Record<CategoryId, boolean>;
}

/** window.cookieConsent: every method answers at once, even before the banner is live. */
export interface CookieConsentAPI {
  /** Whether the visitor accepted the category (false before any choice). */
  accepted(category: CategoryId): boolean;
  /** A copy of the current choice, or null when the visitor has not chosen yet. */
  get(): ConsentChoice | null;
  /** Opens the preferences panel at once (prerendered by the server), starting the banner's wasm if it is not running yet. */
  show(): void;
  /** Closes the panel; without a choice the first layer stays. */
  hide(): void;
  /** Accepts every category (but those Global Privacy Control refuses) and stores the choice. */
  acceptAll(): void;
  /** Refuses every category that can be refused and stores the choice. */
  refuseAll(): void;
  /**
   * Changes the given categories and keeps the others' answers (refused
   * before any choice), then stores the choice. Unknown and required
   * categories are left alone. Returns false when the argument is not an object.
   */
  set(categories: Partial<Record<CategoryId, boolean>>): boolean;
}

/** detail of the cookieconsent:ready event, dispatched once per page view. */
export interface ConsentReadyDetail {
  /** The stored, still valid choice, or null: the banner is asking. */
  choice: ConsentChoice | null;
}

/** detail of the cookieconsent:change event, dispatched after each new choice. */
export interface ConsentChangeDetail {
  choice: ConsentChoice;
  /** The categories whose answer changed (before any choice, optional ones count as refused). */
  changed: CategoryId[];
  /** The new choice's consent id. */
  id: string;
}

declare global {
  interface Window {
    readonly cookieConsent: CookieConsentAPI;
  }
  /** The same object as window.cookieConsent, for code that names the global alone. */
  const cookieConsent: CookieConsentAPI;
  interface DocumentEventMap {
    "cookieconsent:ready": CustomEvent<ConsentReadyDetail>;
    "cookieconsent:change": CustomEvent<ConsentChangeDetail>;
  }
}
