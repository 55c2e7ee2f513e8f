/**
 * Every shipped catalogue by BCP 47 language subtag. Read by the build (../locales.vite.ts), which
 * writes each as a JSON file, and by the tests; never imported by the embed, so English pages
 * carry none of them. Adding a language: docs/embed.md "Languages".
 */
import type { Messages } from "../translate.js";
import { ar } from "./ar.js";
import { de } from "./de.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { it } from "./it.js";
import { nl } from "./nl.js";
import { pl } from "./pl.js";

/** Catalogues by language subtag (English, the ids themselves, has none). */
export const catalogues: Readonly<Record<string, Messages>> = { de, fr, es, it, pl, nl, ar };
