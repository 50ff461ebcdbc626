/** Trial registry identifiers: finding them in free text, normalising them and naming their registry. */
package io.exowatch.common.ids;
