/** IRCT parsing details: element navigation and the splitting of IRCT's free-text intervention groups. Not API. */
package io.exowatch.ingest.irct.internal;
