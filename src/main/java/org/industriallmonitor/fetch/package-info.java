/**
 * Fetching the site's pages politely, the crawl's first step: {@code HttpFetcher} (a {@code PageFetcher})
 * sends conditional requests ({@code Validators}) through the process's one OkHttp client
 * ({@code HttpClients}), paced per host ({@code HostPacer}), under robots.txt ({@code RobotsCache},
 * {@code RobotsRules}), retried with backoff ({@code RetryPolicy}, {@code RetryAfter}; the waits through a {@code Sleeper}, which
 * tests replace to note them instead of spending them), and decodes bodies
 * strictly ({@code PageDecoder}, {@code Accepts}) into a {@code FetchResult}. Failures are
 * {@code FetchException} and its kinds (gone, robots, unusable, HTTP status). Where a request goes and which
 * redirects are followed is asked of a {@code Redirects} the site gives (the site's origins, a host it moved to, whether an
 * answer of the base the site left is the site's: if not, or if that host fails, the page is asked where it moved);
 * {@code Hosts} names the targets no redirect of a named host is followed to (downgrades, IP addresses, localhost).
 *
 * <p>May use: no other package of the product. It knows HTTP, not the site's pages.
 */
package org.industriallmonitor.fetch;
