package org.industriallmonitor.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;

/** Links that name a site entity by a numeric id in a {@code data-*} attribute: countries, themes. */
final class TagLinks {
  private static final Pattern NUMERIC_ID = Pattern.compile("\\d{1,9}");

  private TagLinks() {}

  /** The links {@code selector} finds whose {@code idAttribute} is a number, as {@code tag(id, text)}, in page order. */
  static <T> List<T> find(Element root, Evaluator selector, String idAttribute, BiFunction<Integer, String, T> tag) {
    List<T> tags = new ArrayList<>();
    for (Element link : root.select(selector)) {
      String id = link.attr(idAttribute).trim();
      if (NUMERIC_ID.matcher(id).matches()) {
        tags.add(tag.apply(Integer.parseInt(id), SiteText.of(link)));
      }
    }
    return tags;
  }
}
