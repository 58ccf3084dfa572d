package org.industriallmonitor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages' boundaries (issue 31), as the package-info files state them, checked on the product's
 * classes (not the tests'): a rule broken fails the build. Where the code does not keep a boundary yet,
 * the exception is listed here, class by class, with its reason, so that no new one can land unseen; an
 * entry that is no longer needed fails the test too, so the lists only shrink.
 */
class ArchitectureTest {
  private static final String PRODUCT = "org.industriallmonitor";

  private static JavaClasses product;

  @BeforeAll
  static void importProduct() {
    product = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(PRODUCT);
  }

  /** (a) The product's packages depend on each other without a cycle. */
  @Test
  void noCycleBetweenThePackages() {
    slices().matching(PRODUCT + ".(*)..").should().beFreeOfCycles().check(product);
  }

  /**
   * (b) Only store speaks SQL. No exception: schedule's Quartz JDBC job store ({@code ClusterJobStore}, a
   * {@code JobStoreTX}) gets its PostgreSQL pool by properties ({@code CrawlScheduler}), and reaches JDBC only
   * inside Quartz.
   */
  @Test
  void onlyStoreTouchesJdbc() {
    noClasses().that().resideOutsideOfPackage(PRODUCT + ".store..")
        .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
        .check(product);
  }

  /**
   * (c) The console reads through the application ({@code app.ConsoleService}, {@code app.MonitorStatus}),
   * not the store's repositories: no call to, field or parameter of a {@code store..*Repository}. The values
   * they return, records nested in them ({@code ArticleRepository.Summary}, {@code NodeRepository.Node}),
   * are values like {@code store.OutboxRow}, and may be shown. No exception.
   */
  @Test
  void webReadsThroughTheApplicationNotTheRepositories() {
    noClasses().that().resideInAPackage(PRODUCT + ".web..")
        .should().dependOnClassesThat(REPOSITORY)
        .check(product);
  }

  private static final DescribedPredicate<JavaClass> REPOSITORY = DescribedPredicate.describe("are the store's repositories",
      c -> c.getPackageName().startsWith(PRODUCT + ".store") && c.getEnclosingClass().isEmpty()
          && c.getSimpleName().endsWith("Repository"));

  /**
   * (d) The commands reach the product through the application (app) and the configuration (config) only,
   * besides their own package, picocli and the libraries. Known exceptions, class by class, with the packages
   * each still reaches (16 of the 29 classes of cli, 294 dependencies when measured for issue 31; 19 classes
   * and 349 before it); no other class, and no other package for these, may join them.
   */
  private static final Map<String, Set<String>> CLI_BEYOND_APP = Map.ofEntries(
      // Here to stay: starting the console. web depends on app (ConsoleService, MonitorStatus), so app cannot
      // start it without a cycle; the commands that run the daemon put it together with the parts (13 and 65).
      Map.entry("cli.RunCommand", Set.of("web", "schedule", "fetch", "store")),
      Map.entry("cli.DemoCommand", Set.of("web", "replica", "schedule", "crawl", "notify", "store", "archive")),
      // Here to stay: the replica is for the tests and the demo, and only the commands may start it; app must
      // not know it (31 and 5).
      Map.entry("cli.ReplicaCommand", Set.of("replica")),
      Map.entry("cli.CdsTrainingCommand", Set.of("replica")),
      // A benchmark helper that times bare HTTP requests with the process's OkHttp client (2).
      Map.entry("cli.FloorCommand", Set.of("fetch")),
      // The site's addresses and languages, printed and checked (parse.SiteUrls, parse.SiteDates) (4 and 6).
      Map.entry("cli.CountriesCommand", Set.of("parse")),
      Map.entry("cli.ValidateCommand", Set.of("parse")),
      // The state lock and the node heartbeat that every command writing the state takes first (14).
      Map.entry("cli.StateGuard", Set.of("schedule", "store")),
      // Failures of the store that the logging and the top level turn into messages and exit codes (1 and 1).
      Map.entry("cli.Logging", Set.of("store")),
      Map.entry("cli.Main", Set.of("store")),
      // A crawl's progress on the terminal, as a crawl.CrawlProgress (3).
      Map.entry("cli.TerminalProgress", Set.of("crawl")),
      // To be removed: commands that use the store's values or call crawl, notify or calibrate themselves; each
      // wants an operation of app (Components, Monitor or a service beside them) with app's own values, as
      // migrate, outbox, reindex, validate and countries got (41, 8, 26, 37, 37).
      Map.entry("cli.CalibrateCommand", Set.of("calibrate", "site", "store")),
      Map.entry("cli.NotifyTestCommand", Set.of("notify")),
      Map.entry("cli.OnceCommand", Set.of("crawl", "fetch", "notify", "schedule", "store")),
      Map.entry("cli.SearchCommand", Set.of("store")),
      Map.entry("cli.StatusCommand", Set.of("store")));

  @Test
  void commandsReachTheProductThroughAppAndConfig() {
    Set<String> allowed = Set.of("cli", "app", "config");
    BiPredicate<JavaClass, JavaClass> ok = (origin, target) -> !inProduct(target) || allowed.contains(packageOf(target));
    classes().that().resideInAPackage(PRODUCT + ".cli..")
        .should(onlyDependOn("reach the product through app and config", CLI_BEYOND_APP, ok))
        .check(product);
    assertNoStaleException(CLI_BEYOND_APP, "cli", ok.negate());
  }

  /**
   * A condition: every dependency of a class passes {@code ok}, or goes to a package its top-level class
   * is listed for in {@code exceptions} (keys and values relative to the product's package).
   */
  private static ArchCondition<JavaClass> onlyDependOn(String description, Map<String, Set<String>> exceptions,
      BiPredicate<JavaClass, JavaClass> ok) {
    return new ArchCondition<>(description) {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Set<String> excepted = exceptions.getOrDefault(relative(topLevel(origin).getName()), Set.of());
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass();
          if (!ok.test(origin, target) && !excepted.contains(packageOf(target))) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  /** Fails for a listed exception (class and package) that the code no longer needs. */
  private static void assertNoStaleException(Map<String, Set<String>> exceptions, String packageName,
      BiPredicate<JavaClass, JavaClass> breaking) {
    for (Map.Entry<String, Set<String>> entry : exceptions.entrySet()) {
      for (String target : entry.getValue()) {
        boolean used = product.stream()
            .filter(c -> relative(topLevel(c).getName()).equals(entry.getKey()))
            .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
            .anyMatch(d -> breaking.test(d.getOriginClass(), d.getTargetClass()) && packageOf(d.getTargetClass()).equals(target));
        if (!used) {
          throw new AssertionError("The exception " + entry.getKey() + " -> " + target + " of " + packageName
              + " is no longer needed: remove it from ArchitectureTest (and the package-info)");
        }
      }
    }
  }

  private static boolean inProduct(JavaClass target) {
    return target.getPackageName().startsWith(PRODUCT + ".");
  }

  /** The product's package of a class, relative ({@code store}), or its full package outside the product. */
  private static String packageOf(JavaClass target) {
    String name = target.getPackageName();
    if (!name.startsWith(PRODUCT + ".")) {
      return name;
    }
    String rest = name.substring(PRODUCT.length() + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  private static JavaClass topLevel(JavaClass c) {
    JavaClass top = c;
    while (top.getEnclosingClass().isPresent()) {
      top = top.getEnclosingClass().get();
    }
    return top;
  }

  private static String relative(String className) {
    return className.startsWith(PRODUCT + ".") ? className.substring(PRODUCT.length() + 1) : className;
  }
}
