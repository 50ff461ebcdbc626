/** Test data shared by the schemas module's tests. */
package io.exowatch.schemas.testing;
