/** Internals of the source simulator (handlers, stores, token codecs); do not depend on them. */
package io.exowatch.app.offline.internal;
