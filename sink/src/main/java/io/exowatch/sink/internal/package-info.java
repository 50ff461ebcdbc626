/** Internals of the sink (indexing, HTTP, event relay): do not depend on these packages. */
package io.exowatch.sink.internal;
