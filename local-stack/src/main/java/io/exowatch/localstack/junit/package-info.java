/** JUnit 5 extension sharing one embedded stack per test JVM, and helpers for isolating tests by name. */
package io.exowatch.localstack.junit;
