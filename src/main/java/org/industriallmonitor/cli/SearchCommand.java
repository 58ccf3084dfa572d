package org.industriallmonitor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.industriallmonitor.app.ArchiveSearch;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.app.Plural;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.query.QuerySyntaxException;
import org.industriallmonitor.query.SearchQuery;
import org.industriallmonitor.config.MonitorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code search QUERY}: the archived articles whose title or text hold every word of QUERY, best first;
 * {@code search --channel ID [QUERY]}: those the channel's filters let through, newest first without QUERY.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = {"Searches the archive's full-text index: articles whose title or text hold every word, best first.",
        "Accents do not matter (greve finds Grève); \"a phrase\" in double quotes matches as written; word* matches a prefix;"
            + " a OR b matches either; -word leaves out the articles that hold it.",
        "With --channel ID: the articles that channel's filters let through (what it would have been sent), newest first,"
            + " or narrowed by QUERY."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:searched (found or not)", "2:not a query, unknown --country, --lang or --channel, no QUERY without --channel, or --limit below 1", "3:the configuration is missing or invalid", "5:the database cannot be read"})
final class SearchCommand implements Callable<Integer> {
  @Mixin CommonOptions options;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "QUERY", arity = "0..*", description = "The words to find (optional with --channel).")
  List<String> words = List.of();

  @Option(names = "--channel", paramLabel = "ID", description = "Only the articles this channel's filters let through (its countries,"
      + " languages, themes, match and exclude): what it would have been sent.")
  String channel;

  @Option(names = "--country", paramLabel = "NAME", description = "Only articles listed under this country (its name or region number).")
  String country;

  @Option(names = "--lang", paramLabel = "LANG", description = "Only articles in this language (en, es, fr, ru).")
  String language;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N articles (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print the hits as JSON, for scripts.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    for (String word : words) {
      if (word.startsWith("--") && word.length() > 2) {
        throw new UserException(ExitCodes.USAGE, "unknown option '" + word + "' (search --help lists them; a query's excluded"
            + " word is written -word)");
      }
    }
    MonitorConfig config = options.load();
    PrintWriter out = spec.commandLine().getOut();
    if (limit < 1) {
      throw new UserException(ExitCodes.USAGE, "--limit must be 1 or more");
    }
    if (words.isEmpty() && channel == null) {
      throw new UserException(ExitCodes.USAGE, "give the words to find (QUERY), or --channel ID for what a channel would have been sent");
    }
    String lang = language == null ? null : CountryArgument.language(language);
    if (channel != null && config.notifications().channel(channel).isEmpty()) {
      List<String> ids = config.notifications().channelIds();
      throw new UserException(ExitCodes.USAGE, "no channel has the id '" + channel + "'"
          + (ids.isEmpty() ? ": notifications.channels lists none" : " (channels: " + String.join(", ", ids) + ")"));
    }
    ArchiveSearch.Results results;
    if (config.storage().hasDatabase()) {
      try (Components parts = Components.of(config)) {
        ArchiveSearch archive = parts.archiveSearch();
        String region = country == null ? null : region(config, archive.countries());
        try {
          results = archive.search(new ArchiveSearch.Request(String.join(" ", words), region, lang, null, channel), limit);
        } catch (QuerySyntaxException e) {
          throw notAQuery(e);
        }
      }
    } else {
      String typed = String.join(" ", words);
      if (!typed.isBlank()) {
        try {
          SearchQuery.parse(typed); // no archive yet, and still a query that is not one says so
        } catch (QuerySyntaxException e) {
          throw notAQuery(e);
        }
      }
      if (country != null) {
        region(config, List.of()); // no archive yet: a configured country finds nothing, another is a usage error
      }
      results = ArchiveSearch.Results.NONE;
    }
    int missing = results.missing();
    if (json) {
      out.println(json(results, channel));
    } else {
      text(config, results, out);
    }
    out.flush();
    if (missing > 0) {
      spec.commandLine().getErr().printf("note: %s archived before the index existed not searched: `reindex` adds them.%n",
          Plural.of(missing, "article", "articles"));
    }
    return ExitCodes.OK;
  }

  private static UserException notAQuery(QuerySyntaxException e) {
    return new UserException(ExitCodes.USAGE, "not a query: " + e.getMessage() + " (search syntax: docs/search.md)");
  }

  /**
   * The region id of {@code --country}: a configured country, or one the archive knows (crawled
   * before it left the configuration); exit 2 for another, with the known ones listed.
   */
  private String region(MonitorConfig config, List<ArchiveSearch.Country> archived) {
    Optional<CountryConfig> configured = config.country(country);
    if (configured.isPresent()) {
      return String.valueOf(configured.get().region());
    }
    String wanted = country.strip();
    for (ArchiveSearch.Country known : archived) {
      if (known.name().equalsIgnoreCase(wanted) || String.valueOf(known.region()).equals(wanted)) {
        return String.valueOf(known.region());
      }
    }
    List<String> elsewhere = archived.stream().filter(known -> config.countries().stream().noneMatch(c -> c.region() == known.region()))
        .map(ArchiveSearch.Country::name).toList();
    throw CountryArgument.unknown(config, country, elsewhere);
  }

  private void text(MonitorConfig config, ArchiveSearch.Results results, PrintWriter out) {
    if (channel != null) {
      String filters = config.notifications().filter(channel).describe(config.countries());
      out.printf("Channel %s%s%n", channel, filters.isEmpty() ? " (no filters: every article of its countries)" : ": " + filters);
    }
    if (results.total() == 0) {
      out.println(words.isEmpty() ? "No archived article passes the channel's filters."
          : "No archived article holds " + String.join(" ", words) + (channel == null ? "." : " and passes the channel's filters."));
      return;
    }
    out.printf("%s, %s first%s:%n", Plural.of(results.total(), "article", "articles"), words.isEmpty() ? "newest" : "best",
        results.total() > results.hits().size() ? " (the first " + results.hits().size() + ")" : "");
    for (ArchiveSearch.Hit hit : results.hits()) {
      out.println();
      out.printf("%s  %s  (%s)%n", hit.published(), TerminalText.safe(hit.title()), TerminalText.safe(hit.countries()));
      // One line per snippet: its line breaks become spaces before the rest is made safe for a terminal.
      String snippet = hit.snippet(text -> TerminalText.safe(text.replace('\n', ' ')), "[", "]");
      if (!snippet.isBlank()) {
        out.println("  " + snippet);
      }
      out.println("  " + hit.archivePath() + "  " + TerminalText.safe(hit.url()));
    }
  }

  private static String json(ArchiveSearch.Results results, String channel) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    if (channel != null) {
      root.put("channel", channel);
    }
    root.put("total", results.total());
    ArrayNode hits = root.putArray("hits");
    for (ArchiveSearch.Hit hit : results.hits()) {
      ObjectNode node = hits.addObject()
          .put("slug", hit.slug())
          .put("title", hit.title())
          .put("published", hit.published());
      // An array of names, as in the webhook payloads.
      hit.countryNames().forEach(node.putArray("countries")::add);
      node.put("language", hit.language())
          .put("url", hit.url())
          .put("archive_path", hit.archivePath())
          .put("snippet", hit.snippet(UnaryOperator.identity(), "[", "]"))
          .put("rank", hit.rank());
    }
    return mapper.writeValueAsString(root);
  }
}
