/** HTTP internals: the Javalin server, parameter validation, the search queries and the health check. */
package io.exowatch.sink.internal.http;
