using Berth.Storage.ObjectStores;

namespace Berth.Storage.Tests.ObjectStores;

public sealed class ObjectKeyMapTests
{
    [Theory]
    [InlineData("", "/", "")]
    [InlineData("", "/blobs/a/data", "blobs/a/data")]
    [InlineData("registry", "/", "registry/")]
    [InlineData("registry", "/blobs/a/data", "registry/blobs/a/data")]
    [InlineData("a/b/", "/blobs", "a/b/blobs")]
    public void Key_PutsThePathUnderThePrefix(string prefix, string path, string key)
    {
        Assert.Equal(key, new ObjectKeyMap(prefix).Key(path));
    }

    [Theory]
    [InlineData("", "/", "")]
    [InlineData("", "/blobs", "blobs/")]
    [InlineData("registry", "/", "registry/")]
    [InlineData("registry", "/blobs", "registry/blobs/")]
    public void DirectoryPrefix_EndsWithSlashUnlessTheRootIsEmpty(string prefix, string path, string expected)
    {
        Assert.Equal(expected, new ObjectKeyMap(prefix).DirectoryPrefix(path));
    }

    [Theory]
    [InlineData("", "blobs/a/data", "/blobs/a/data")]
    [InlineData("registry", "registry/blobs/a/data", "/blobs/a/data")]
    [InlineData("registry", "registry/blobs/", "/blobs")]
    public void Path_IsTheInverseOfKey_ForKeysAndCommonPrefixes(string prefix, string key, string path)
    {
        Assert.Equal(path, new ObjectKeyMap(prefix).Path(key));
    }

    [Theory]
    [InlineData("relative")]
    [InlineData("/a//b")]
    [InlineData("/a/../b")]
    [InlineData("/a/")]
    public void Key_RefusesPathsOutsideTheContract(string path)
    {
        Assert.Throws<ArgumentException>(() => new ObjectKeyMap("registry").Key(path));
    }
}
