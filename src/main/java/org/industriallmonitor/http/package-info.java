/**
 * The process's JDK HTTP servers: {@code JdkHttpServers} makes every one of them (the console's, and the
 * replica site's and webhook receiver's of tests and the demo) with the same time limits, because the JDK
 * reads them once per process, from system properties, when its first server starts.
 *
 * <p>May use: no other package of the product. Used by web and replica, which share nothing else: it lives
 * here so that the replica, which stands for the site, need not depend on the console.
 */
package org.industriallmonitor.http;
