namespace Spicetime.Tree.Json;

public enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}
