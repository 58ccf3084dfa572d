package org.industriallmonitor.calibrate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

/**
 * The CSS selectors that could name an element and stay right as pages change: its tag, its
 * classes, telling attributes, and the same of up to three ancestors; never positions such as
 * {@code nth-child(3)}, nor ids or classes with numbers in them (those name one page's element).
 * Simplest first: fewer steps, classes before bare tags.
 */
final class SelectorCandidates {
  private static final Pattern STABLE_NAME = Pattern.compile("[A-Za-z_-][A-Za-z_-]*");
  private static final Set<String> TELLING = Set.of("itemprop", "rel", "property", "name", "role", "hreflang", "data-region",
      "data-theme", "data-type");

  private SelectorCandidates() {}

  /** Ancestors named by their tag alone that say what a part of a page is: the steps a redesign keeps. */
  private static final Set<String> STRUCTURAL = Set.of("article", "main", "header", "footer", "aside", "nav", "section", "body");

  static List<String> of(Element element) {
    List<String> own = steps(element);
    String bareTag = element.normalName();
    // The element's own classes and attributes first; then descendant steps under structural ancestors
    // ("article h1": wrappers added around it change nothing); then under other ancestors; child steps
    // ("div.x > h1") after those; a bare tag (p, time, section) last: it holds on references by luck.
    Set<String> all = new LinkedHashSet<>(own.stream().filter(step -> !step.equals(bareTag)).toList());
    List<Element> ancestors = new ArrayList<>();
    for (Element up = element.parent(); up != null && ancestors.size() < 4 && !up.normalName().equals("#root"); up = up.parent()) {
      ancestors.add(up);
    }
    for (Element up : ancestors) {
      if (STRUCTURAL.contains(up.normalName())) {
        own.forEach(step -> all.add(up.normalName() + " " + step));
      }
    }
    for (Element up : ancestors.subList(0, Math.min(3, ancestors.size()))) {
      for (String upStep : steps(up)) {
        if (!upStep.equals(up.normalName())) {
          own.forEach(step -> all.add(upStep + " " + step));
        }
      }
    }
    if (!ancestors.isEmpty()) {
      for (String upStep : steps(ancestors.get(0))) {
        own.forEach(step -> all.add(upStep + " > " + step));
      }
    }
    all.add(bareTag);
    List<String> valid = new ArrayList<>();
    for (String candidate : all) {
      try {
        QueryParser.parse(candidate);
        valid.add(candidate);
      } catch (Selector.SelectorParseException e) {
        // A class name that CSS cannot say: not a candidate.
      }
    }
    return valid;
  }

  /** The one-element selectors of {@code e}, most telling first. */
  static List<String> steps(Element e) {
    String tag = e.normalName();
    List<String> steps = new ArrayList<>();
    List<String> classes = e.classNames().stream().filter(c -> STABLE_NAME.matcher(c).matches()).sorted().toList();
    for (String c : classes) {
      steps.add(tag + "." + c);
    }
    for (Attribute a : e.attributes()) {
      if (TELLING.contains(a.getKey())) {
        String value = a.getValue();
        if (a.getKey().startsWith("data-") && !a.getKey().equals("data-type") || a.getKey().equals("hreflang")) {
          steps.add(tag + "[" + a.getKey() + "]");
        } else if (STABLE_NAME.matcher(value.replace(":", "").replace(" ", "")).matches()) {
          steps.add(tag + "[" + a.getKey() + "=\"" + value + "\"]");
        }
      }
    }
    if (tag.equals("a")) {
      String href = e.attr("href");
      if (href.contains("regions=")) {
        steps.add("a[href*='regions=']");
      }
      if (href.contains("themes=")) {
        steps.add("a[href*='themes=']");
      }
    }
    for (String c : classes) {
      steps.add("." + c);
    }
    if (!e.id().isEmpty() && STABLE_NAME.matcher(e.id()).matches()) {
      steps.add(tag + "#" + e.id());
    }
    steps.add(tag);
    return steps;
  }
}
