/** Internals of the registry client (HTTP transport, caches, in-memory registry): do not depend on this package. */
package io.exowatch.schemas.registry.internal;
