/** Internals of the embedded stack (ports, directories, the OpenSearch node subclass): do not depend on these. */
package io.exowatch.localstack.internal;
