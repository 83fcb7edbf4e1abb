package dev.imagebake;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two top-level classes of ours with the same simple name, or one named like a {@code java.lang}
 * class, make imports ambiguous and stack traces misleading (issue 11, point 9: two ExitCodes, two
 * GoValues, two StepSucceeded, an SDK {@code Deprecated} shadowing {@code java.lang.Deprecated}).
 * Nested classes are left out: their outer class qualifies them wherever they are used.
 */
class UniqueClassNamesTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.imagebake");

  private static List<JavaClass> topLevelClasses() {
    return MAIN.stream()
        .filter(c -> c.isTopLevelClass() && !c.getSimpleName().equals("package-info"))
        .toList();
  }

  @Test
  void noTwoMainClassesShareASimpleName() {
    Map<String, TreeSet<String>> byName = new TreeMap<>();
    for (JavaClass c : topLevelClasses()) {
      byName.computeIfAbsent(c.getSimpleName(), n -> new TreeSet<>()).add(c.getName());
    }
    Map<String, TreeSet<String>> duplicates =
        byName.entrySet().stream()
            .filter(e -> e.getValue().size() > 1)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

    assertThat(topLevelClasses()).hasSizeGreaterThan(100);
    assertThat(duplicates).as("simple names used by more than one class").isEmpty();
  }

  @Test
  void noMainClassShadowsAJavaLangClass() {
    List<String> shadowing =
        topLevelClasses().stream()
            .filter(c -> existsInJavaLang(c.getSimpleName()))
            .map(JavaClass::getName)
            .sorted()
            .toList();

    assertThat(shadowing).as("classes named like a java.lang class").isEmpty();
  }

  private static boolean existsInJavaLang(String simpleName) {
    try {
      Class.forName("java.lang." + simpleName, false, ClassLoader.getPlatformClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
