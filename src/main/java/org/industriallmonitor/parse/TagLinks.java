package org.industriallmonitor.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;

/**
 * Links that name a site entity by a numeric id: countries, themes. The id is the link's
 * {@code data-region} (or {@code data-theme}) attribute, or else the {@code regions=} (or
 * {@code themes=}) parameter of its address, as the site's search links carry it.
 */
final class TagLinks {
  private static final Pattern NUMERIC_ID = Pattern.compile("\\d{1,9}");

  /** Which entity: its data attribute and the parameter of search addresses that names it. */
  enum Kind {
    REGION("data-region", "regions"),
    THEME("data-theme", "themes");

    final String attribute;
    final Pattern parameter;

    Kind(String attribute, String parameter) {
      this.attribute = attribute;
      this.parameter = Pattern.compile("[?&]" + parameter + "=(\\d{1,9})(?:&|#|$)");
    }
  }

  private TagLinks() {}

  /** The links {@code selector} finds that carry a numeric id of {@code kind}, as {@code tag(id, text)}, in page order. */
  static <T> List<T> find(Element root, Evaluator selector, Kind kind, BiFunction<Integer, String, T> tag) {
    List<T> tags = new ArrayList<>();
    for (Element link : root.select(selector)) {
      String id = link.attr(kind.attribute).trim();
      if (!NUMERIC_ID.matcher(id).matches()) {
        Matcher inHref = kind.parameter.matcher(link.attr("href"));
        id = inHref.find() ? inHref.group(1) : "";
      }
      if (NUMERIC_ID.matcher(id).matches()) {
        tags.add(tag.apply(Integer.parseInt(id), SiteText.of(link)));
      }
    }
    return tags;
  }
}
