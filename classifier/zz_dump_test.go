package classifier_test
import ("fmt";"testing";"github.com/trialtag/trialtag/classifier";"github.com/trialtag/trialtag/corpus";"github.com/trialtag/trialtag/rules")
func TestDumpExamples(t *testing.T){
 rs,err:=classifier.Load(rules.FS); if err!=nil{t.Fatal(err)}
 sp,_:=corpus.NewSplitter(); c,_:=classifier.New(rs,sp)
 n,f:=0,0
 for _,r:=range c.RunExamples(){ n++; if !r.Passed {f++; fmt.Printf("%s:%d: %s: %s got %v\n   %q\n", r.Example.File,r.Example.Line,r.Rule,r.Msg,r.Got,r.Example.Text)}}
 fmt.Println(n,"examples",f,"failed")
}
