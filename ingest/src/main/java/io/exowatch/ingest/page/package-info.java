/** Article landing pages (Jsoup): citation, Dublin Core, PRISM, JSON-LD and Open Graph metadata, made plain text. */
package io.exowatch.ingest.page;
