/** JMH benchmarks and measuring harnesses whose results the README reports. */
package io.exowatch.bench;
