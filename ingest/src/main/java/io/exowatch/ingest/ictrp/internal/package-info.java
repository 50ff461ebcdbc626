/** Internals of the ICTRP import (splitting list cells, target sizes, CSV lines, member-state grouping); do not depend on these. */
package io.exowatch.ingest.ictrp.internal;
