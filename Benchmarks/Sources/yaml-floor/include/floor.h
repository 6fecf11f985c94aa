/* yaml-floor has no public interface. */
